import { type EventEnvelope, type PayloadOf, type taskCompleted, taskDone } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { applyTaskChange } from './task-replica-change.js';

/** The work was reported done, or confirmed: the replica follows (no bid changes). */
export async function replicateTaskProgress(
  tx: Tx,
  event: EventEnvelope<PayloadOf<typeof taskDone> | PayloadOf<typeof taskCompleted>>,
  log: Logger,
): Promise<void> {
  const { taskId, posterId } = event.data;
  const status = event.type === taskDone.type ? 'DONE' : 'COMPLETED';
  await applyTaskChange(tx, { kind: 'status', occurredAt: new Date(event.occurredAt), taskId, posterId, status }, event, log);
}
