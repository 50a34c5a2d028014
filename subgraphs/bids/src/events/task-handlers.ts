import {
  type EventConsumer,
  type EventEnvelope,
  type PayloadOf,
  SYSTEM_ACTOR,
  taskAssigned,
  taskCancelled,
  taskCompleted,
  taskDone,
  taskPosted,
  taskUpdated,
} from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { rejectUndecidedBids } from '../db/bid-writes.js';
import type { TaskChange } from '../domain/task-replica.js';
import { recordBidRejected } from './bid-events.js';
import { applyTaskChange } from './replica-change.js';
import { onTaskAssigned } from './task-assigned-handler.js';

type TaskState = PayloadOf<typeof taskPosted> | PayloadOf<typeof taskUpdated>;

function stateChange(event: EventEnvelope<TaskState>): TaskChange {
  const { taskId, posterId, status, budget, dueAt } = event.data;
  return {
    kind: 'state',
    occurredAt: new Date(event.occurredAt),
    task: { taskId, posterId, status, budget, dueAt: dueAt ? new Date(dueAt) : null },
  };
}

/** taskPosted and taskUpdated carry the whole replicated state of the task. */
export async function onTaskState(tx: Tx, event: EventEnvelope<TaskState>, log: Logger): Promise<void> {
  await applyTaskChange(tx, stateChange(event), event, log);
}

/**
 * The task was cancelled: its bids still waiting for a decision can no longer win, so they
 * become REJECTED here, in the handler's transaction, each with its bids.bid.rejected event.
 * That includes an ACCEPTING bid: should wallet hold its escrow anyway, tasks answers with
 * tasks.task.assignment_refused and wallet refunds it.
 */
export async function onTaskCancelled(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCancelled>>, log: Logger): Promise<void> {
  const { taskId, posterId } = event.data;
  const change: TaskChange = { kind: 'cancelled', occurredAt: new Date(event.occurredAt), taskId, posterId };
  const replica = await applyTaskChange(tx, change, event, log);
  if (replica?.status !== 'CANCELLED') return;
  const rejected = await rejectUndecidedBids(tx, taskId);
  for (const bid of rejected) {
    await recordBidRejected(tx, bid, 'TASK_CANCELLED', { actor: SYSTEM_ACTOR, traceparent: event.traceparent });
  }
  log.info({ taskId, eventId: event.id, rejected: rejected.length }, 'task cancelled; its undecided bids were rejected');
}

/** The work was reported done, or confirmed: the replica follows (no bid changes). */
export async function onTaskProgress(
  tx: Tx,
  event: EventEnvelope<PayloadOf<typeof taskDone> | PayloadOf<typeof taskCompleted>>,
  log: Logger,
): Promise<void> {
  const { taskId, posterId } = event.data;
  const status = event.type === taskDone.type ? 'DONE' : 'COMPLETED';
  await applyTaskChange(tx, { kind: 'status', occurredAt: new Date(event.occurredAt), taskId, posterId, status }, event, log);
}

/** The durable consumer `bids_from_tasks`: the task replica and the saga's assignment step. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer
    .on(taskPosted, onTaskState)
    .on(taskUpdated, onTaskState)
    .on(taskCancelled, onTaskCancelled)
    .on(taskAssigned, onTaskAssigned)
    .on(taskDone, onTaskProgress)
    .on(taskCompleted, onTaskProgress);
}
