import type { EventEnvelope, PayloadOf, taskCancelled } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { cancellationRefunds } from '../domain/escrow-rules.js';
import { causeOf } from '../events/escrow-events.js';
import { refundPayment } from './escrow/refund-payment.js';
import { reportSettlement, type SettleOutcome } from './escrow/settlement.js';

export type TaskCancelled = EventEnvelope<PayloadOf<typeof taskCancelled>>;

/**
 * tasks.task.cancelled: the poster gets the held money back when the task was ASSIGNED; a
 * cancelled OPEN task moves nothing (a hold on its way is refunded through assignment_refused).
 * Runs in the consumer's transaction with the inbox row.
 */
export async function refundCancelledTask(tx: Tx, event: TaskCancelled, log: Logger): Promise<SettleOutcome | null> {
  if (!cancellationRefunds(event.data.previousStatus)) return null;
  // Stored uuids are lower case; the ledger compares them as text.
  const taskId = event.data.taskId.toLowerCase();
  return reportSettlement(await refundPayment(tx, { taskId }, 'TASK_CANCELLED', causeOf(event)), event, taskId, log);
}
