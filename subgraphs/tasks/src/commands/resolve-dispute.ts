import type { Caller } from '@sx/events';
import type { DisputeRow } from '../db/dispute-tables.js';
import { closeDispute } from '../db/dispute-writes.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { assertOpen, decideSplit, type DisputeDecision } from '../domain/dispute-rules.js';
import { recordDisputeDismissed, recordDisputeResolved } from '../events/dispute-events.js';
import { inLockedDispute } from './dispute-access.js';

export interface ResolveDisputeCommand {
  /** An ADMIN (the resolver checks the role). */
  caller: Caller;
  disputeId: string;
  decision: DisputeDecision;
}

/**
 * An admin decides an open dispute, under the task's row lock:
 * - dismiss: the task goes back to where it was (ASSIGNED or DONE) and wallet unfreezes the escrow;
 * - split: refund + release must equal the held amount; the task ends COMPLETED (something
 *   released) or CANCELLED (all refunded), and wallet moves the money on tasks.dispute.resolved.
 * A second decision finds the dispute closed (DISPUTE_CLOSED): exactly one wins.
 */
export function resolveDispute(deps: TasksDeps, command: ResolveDisputeCommand): Promise<DisputeRow> {
  const { caller, decision } = command;
  return inLockedDispute(deps, command.disputeId, async (tx, task, dispute) => {
    assertOpen(dispute);
    if (decision.kind === 'dismiss') {
      const restored = await writeTaskStatus(tx, { task, to: dispute.previousStatus });
      const closed = await closeDispute(tx, dispute, { status: 'DISMISSED', resolvedBy: caller.userId, refundMinor: null, releaseMinor: null });
      await recordDisputeDismissed(tx, restored, closed, caller.actor);
      return closed;
    }
    if (task.escrowAmountMinor === null) throw new Error(`task ${task.id} has no escrow amount recorded; its dispute needs a manual settlement`);
    const held = { amountMinor: task.escrowAmountMinor, currency: dispute.currency };
    const to = decideSplit(held, decision);
    const settled = await writeTaskStatus(tx, { task, to });
    const closed = await closeDispute(tx, dispute, {
      status: 'RESOLVED',
      resolvedBy: caller.userId,
      refundMinor: decision.refundMinor,
      releaseMinor: decision.releaseMinor,
    });
    await recordDisputeResolved(tx, settled, closed, caller.actor);
    return closed;
  });
}
