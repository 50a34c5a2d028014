import type { EventEnvelope, PayloadOf, taskAssignmentRefused } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { causeOf } from '../events/escrow-events.js';
import { refundPayment } from './escrow/refund-payment.js';
import { reportSettlement, type SettleOutcome } from './escrow/settlement.js';

export type AssignmentRefused = EventEnvelope<PayloadOf<typeof taskAssignmentRefused>>;

/**
 * tasks.task.assignment_refused: the task was no longer OPEN when its hold arrived, so that
 * payment (named by the event) goes back to the poster. Runs in the consumer's transaction.
 */
export async function refundRefusedAssignment(tx: Tx, event: AssignmentRefused, log: Logger): Promise<SettleOutcome> {
  const which = { taskId: event.data.taskId.toLowerCase(), paymentId: event.data.paymentId.toLowerCase() };
  return reportSettlement(await refundPayment(tx, which, 'ASSIGNMENT_REFUSED', causeOf(event)), event, which.taskId, log);
}
