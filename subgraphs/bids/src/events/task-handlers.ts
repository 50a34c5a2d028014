import { SYSTEM_ACTOR, taskCancelled, taskPosted, taskUpdated, type EventConsumer, type EventEnvelope, type HandlerTx, type PayloadOf } from '@sx/events';
import type { Logger } from '@sx/runtime';
import { rejectPendingBids } from '../db/bid-writes.js';
import { lockTaskReplica, writeTaskReplica } from '../db/task-replica-queries.js';
import { nextReplica, type TaskChange, type TaskReplica } from '../domain/task-replica.js';
import { recordBidRejected } from './bid-events.js';

type TaskState = PayloadOf<typeof taskPosted> | PayloadOf<typeof taskUpdated>;

function stateChange(event: EventEnvelope<TaskState>): TaskChange {
  const { taskId, posterId, status, budget, dueAt } = event.data;
  return {
    kind: 'state',
    occurredAt: new Date(event.occurredAt),
    task: { taskId, posterId, status, budget, dueAt: dueAt ? new Date(dueAt) : null },
  };
}

/** Applies a change to the task's replica row under its lock; returns the row as it now stands. */
async function applyChange(tx: HandlerTx, change: TaskChange, taskId: string, event: EventEnvelope, log: Logger): Promise<TaskReplica | null> {
  const current = await lockTaskReplica(tx, taskId, 'update');
  const next = nextReplica(current, change);
  if (!next) {
    log.info({ taskId, eventId: event.id, type: event.type }, 'stale task event ignored');
    return current;
  }
  await writeTaskReplica(tx, next);
  return next;
}

/** taskPosted and taskUpdated carry the whole replicated state of the task. */
export async function onTaskState(tx: HandlerTx, event: EventEnvelope<TaskState>, log: Logger): Promise<void> {
  await applyChange(tx, stateChange(event), event.data.taskId, event, log);
}

/**
 * The task was cancelled: its PENDING bids can no longer win, so they become REJECTED here,
 * in the handler's transaction, each with its bids.bid.rejected event. ACCEPTING bids are
 * left to the payment saga, which refunds and settles them.
 */
export async function onTaskCancelled(tx: HandlerTx, event: EventEnvelope<PayloadOf<typeof taskCancelled>>, log: Logger): Promise<void> {
  const { taskId, posterId } = event.data;
  const change: TaskChange = { kind: 'cancelled', occurredAt: new Date(event.occurredAt), taskId, posterId };
  const replica = await applyChange(tx, change, taskId, event, log);
  if (replica?.status !== 'CANCELLED') return;
  const rejected = await rejectPendingBids(tx, taskId);
  for (const bid of rejected) {
    await recordBidRejected(tx, bid, 'TASK_CANCELLED', { actor: SYSTEM_ACTOR, traceparent: event.traceparent });
  }
  log.info({ taskId, eventId: event.id, rejected: rejected.length }, 'task cancelled; its pending bids were rejected');
}

/** The durable consumer `bids_from_tasks` that keeps the task replica. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskPosted, onTaskState).on(taskUpdated, onTaskState).on(taskCancelled, onTaskCancelled);
}
