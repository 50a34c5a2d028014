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
