import {
  type EventConsumer,
  type EventEnvelope,
  type PayloadOf,
  SYSTEM_ACTOR,
  taskAssignmentRefused,
  taskCancelled,
  taskCompleted,
} from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { cancellationRefunds } from '../domain/escrow-rules.js';
import { refundEscrow, releaseEscrow, type SettleOutcome } from '../ledger/escrow-settle.js';

export interface TaskHandlerOptions {
  /** PLATFORM_FEE_BPS: the platform's share of a released payment. */
  feeBps: number;
}

const causeOf = (event: EventEnvelope) => ({ actor: SYSTEM_ACTOR, traceparent: event.traceparent });

/**
 * The outcome of a release or refund, logged. A task that reached ASSIGNED always had its
 * payment held first (tasks assigns on wallet.escrow.held), so a missing payment is a bug or a
 * lost row: throwing retries and then dead-letters the event where someone will look.
 */
function report(outcome: SettleOutcome, event: EventEnvelope, taskId: string, log: Logger): void {
  const context = { eventId: event.id, type: event.type, taskId, paymentId: outcome.payment?.id ?? null };
  if (outcome.kind !== 'unresolved') {
    log.info({ ...context, outcome: outcome.kind }, 'escrow resolved');
    return;
  }
  if (outcome.why === 'missing') throw new Error(`${event.type} for task ${taskId}, which has no escrow payment`);
  if (outcome.why === 'lost') {
    log.warn({ ...context, status: outcome.payment?.status }, 'escrow already resolved the other way; nothing changed');
    return;
  }
  log.info({ ...context, status: outcome.payment?.status }, 'escrow already resolved; duplicate ignored');
}

export function consumeTaskEvents(consumer: EventConsumer, opts: TaskHandlerOptions): EventConsumer {
  return consumer
    .on(taskCompleted, async (tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCompleted>>, log: Logger) => {
      const taskId = event.data.taskId.toLowerCase();
      report(await releaseEscrow(tx, { taskId }, opts.feeBps, causeOf(event)), event, taskId, log);
    })
    .on(taskCancelled, async (tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCancelled>>, log: Logger) => {
      const taskId = event.data.taskId.toLowerCase();
      if (!cancellationRefunds(event.data.previousStatus)) return;
      report(await refundEscrow(tx, { taskId }, 'TASK_CANCELLED', causeOf(event)), event, taskId, log);
    })
    .on(taskAssignmentRefused, async (tx: Tx, event: EventEnvelope<PayloadOf<typeof taskAssignmentRefused>>, log: Logger) => {
      const which = { taskId: event.data.taskId.toLowerCase(), paymentId: event.data.paymentId.toLowerCase() };
      report(await refundEscrow(tx, which, 'ASSIGNMENT_REFUSED', causeOf(event)), event, which.taskId, log);
    });
}
