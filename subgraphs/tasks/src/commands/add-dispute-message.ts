import type { Caller } from '@sx/events';
import type { DisputeMessageRow } from '../db/dispute-tables.js';
import { insertDisputeMessage } from '../db/dispute-writes.js';
import type { TasksDeps } from '../deps.js';
import { assertCanWrite } from '../domain/dispute-rules.js';
import { recordDisputeMessage } from '../events/dispute-events.js';
import { inLockedDispute } from './dispute-access.js';

export interface AddDisputeMessageCommand {
  caller: Caller;
  isAdmin: boolean;
  disputeId: string;
  /** Trimmed and bounded by the resolver (DISPUTE_MESSAGE_MAX). */
  text: string;
}

/** A party or an admin writes in an open dispute; tasks.dispute.message_added tells the others. */
export function addDisputeMessage(deps: TasksDeps, command: AddDisputeMessageCommand): Promise<DisputeMessageRow> {
  const { caller } = command;
  return inLockedDispute(deps, command.disputeId, async (tx, task, dispute) => {
    assertCanWrite(task, dispute, { userId: caller.userId, isAdmin: command.isAdmin });
    const message = await insertDisputeMessage(tx, { disputeId: dispute.id, authorId: caller.userId, body: command.text });
    await recordDisputeMessage(tx, task, dispute, message, caller.actor);
    return message;
  });
}
