import type { EventEnvelope, PayloadOf, taskWithdrawn } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { causeOf } from '../events/escrow-events.js';
import { refundPayment } from './escrow/refund-payment.js';
import { reportSettlement, type SettleOutcome } from './escrow/settlement.js';

export type TaskWithdrawn = EventEnvelope<PayloadOf<typeof taskWithdrawn>>;

/**
 * tasks.task.withdrawn: the assignee gave the task back, so the poster gets the whole held
 * amount back (the task reopens and may be paid for again through a new hold). Names the
 * payment, not just the task: a later assignment has its own. Runs in the consumer's transaction.
 */
export async function refundWithdrawnTask(tx: Tx, event: TaskWithdrawn, log: Logger): Promise<SettleOutcome> {
  const which = { paymentId: event.data.paymentId.toLowerCase(), taskId: event.data.taskId.toLowerCase() };
  return reportSettlement(await refundPayment(tx, which, 'TASK_WITHDRAWN', causeOf(event)), event, which.taskId, log);
}
