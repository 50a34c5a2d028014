import { z } from 'zod';
import { addVersion, defineEvent } from './define.js';
import { moneySchema, taskStatusSchema, uuid } from './shared-fields.js';

const postedV1 = z.object({ taskId: uuid, posterId: uuid, status: taskStatusSchema, budget: moneySchema });

/**
 * A task was posted. v2 adds `dueAt` (bids refuse bids on tasks past due); v1 events still in
 * the stream are upcast with `dueAt: null` (no deadline known).
 */
export const taskPosted = addVersion(defineEvent({ type: 'tasks.task.posted', schema: postedV1, aggregateId: (d) => d.taskId }), {
  schema: postedV1.extend({ dueAt: z.string().datetime().nullable() }),
  upcast: (v1) => ({ ...v1, dueAt: null }),
  aggregateId: (d) => d.taskId,
});

/** The poster changed an open task; carries the fields other domains replicate. */
export const taskUpdated = defineEvent({
  type: 'tasks.task.updated',
  schema: z.object({
    taskId: uuid,
    posterId: uuid,
    status: taskStatusSchema,
    budget: moneySchema,
    dueAt: z.string().datetime().nullable(),
  }),
  aggregateId: (d) => d.taskId,
});

/** The poster cancelled the task; its pending bids are rejected by bids. */
export const taskCancelled = defineEvent({
  type: 'tasks.task.cancelled',
  schema: z.object({ taskId: uuid, posterId: uuid, previousStatus: taskStatusSchema }),
  aggregateId: (d) => d.taskId,
});

export const TASKS_EVENTS = [taskPosted, taskUpdated, taskCancelled];

// The tasks side of the bid → payment saga (docs/saga.md).

/** Escrow was held for a bid: the task is now the bidder's. */
export const taskAssigned = defineEvent({
  type: 'tasks.task.assigned',
  schema: z.object({ taskId: uuid, posterId: uuid, assigneeId: uuid, bidId: uuid, paymentId: uuid }),
  aggregateId: (d) => d.taskId,
});

/** Escrow was held for a task that is no longer OPEN (cancelled meanwhile): wallet refunds it. */
export const taskAssignmentRefused = defineEvent({
  type: 'tasks.task.assignment_refused',
  schema: z.object({ taskId: uuid, bidId: uuid, paymentId: uuid, status: taskStatusSchema }),
  aggregateId: (d) => d.taskId,
});

/** The assignee says the work is done; the poster may now confirm. */
export const taskDone = defineEvent({
  type: 'tasks.task.done',
  schema: z.object({ taskId: uuid, posterId: uuid, assigneeId: uuid }),
  aggregateId: (d) => d.taskId,
});

/** The work is confirmed (by the poster, or by the auto-release job): wallet releases the escrow. */
export const taskCompleted = defineEvent({
  type: 'tasks.task.completed',
  schema: z.object({ taskId: uuid, posterId: uuid, assigneeId: uuid, completedBy: z.enum(['POSTER', 'AUTO_RELEASE']) }),
  aggregateId: (d) => d.taskId,
});

export const TASKS_SAGA_EVENTS = [taskAssigned, taskAssignmentRefused, taskDone, taskCompleted];
