import type { Caller } from '@sx/events';
import type { DisputeRow } from '../db/dispute-tables.js';
import { insertDispute } from '../db/dispute-writes.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { decideOpenDispute, type DisputeReason } from '../domain/dispute-rules.js';
import { recordDisputeOpened } from '../events/dispute-events.js';
import { inLockedTask } from './locked-task.js';

export interface OpenDisputeCommand {
  caller: Caller;
  taskId: string;
  reason: DisputeReason;
  /** Trimmed and bounded by the resolver (DISPUTE_DETAILS_MAX). */
  details: string;
}

/**
 * Either party disputes an ASSIGNED or DONE task: the task becomes DISPUTED under its row lock,
 * so a concurrent confirm, cancel, withdrawal or auto-release finds it DISPUTED and is refused
 * (or, if it got the lock first, the dispute finds the task moved on). tasks.dispute.opened
 * makes wallet freeze the escrow.
 */
export function openDispute(deps: TasksDeps, command: OpenDisputeCommand): Promise<DisputeRow> {
  const { caller, taskId } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    const to = decideOpenDispute(current, caller.userId);
    if (!current.paymentId) throw new Error(`task ${current.id} is ${current.status} without a payment`);
    const disputed = await writeTaskStatus(tx, { task: current, to });
    const dispute = await insertDispute(tx, {
      taskId: current.id,
      paymentId: current.paymentId,
      openedBy: caller.userId,
      reason: command.reason,
      details: command.details,
      previousStatus: current.status,
      // Tasks assigned before the escrow amount was kept (migration 0004) fall back to the budget's currency.
      currency: current.escrowCurrency ?? current.budgetCurrency,
    });
    await recordDisputeOpened(tx, disputed, dispute, caller.actor);
    return dispute;
  });
}
