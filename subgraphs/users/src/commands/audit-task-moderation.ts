import type { EventEnvelope, PayloadOf, taskHidden, taskUnhidden } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { appendAudit } from '../db/audit-queries.js';

/**
 * tasks.task.hidden / unhidden → the audit log. Tasks performs the action; users keeps the one
 * audit log, so the entry arrives by event (a few seconds later) with the administrator as the
 * event's actor and the request id the event carries. The consumer's inbox makes a redelivery a no-op.
 */
export async function auditTaskHidden(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskHidden>>): Promise<void> {
  await appendAudit(tx, {
    action: 'TASK_HIDDEN',
    actorId: event.actor.id,
    targetKind: 'TASK',
    targetId: event.data.taskId,
    details: event.data.reason,
    requestId: event.data.requestId,
  });
}

export async function auditTaskUnhidden(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskUnhidden>>): Promise<void> {
  await appendAudit(tx, { action: 'TASK_UNHIDDEN', actorId: event.actor.id, targetKind: 'TASK', targetId: event.data.taskId, details: null, requestId: event.data.requestId });
}
