import type { Money } from '@sx/core';
import type { Caller } from '@sx/events';
import { insertSettlement } from '../db/expense-queries.js';
import { findRole, lockGroup, memberIdsOf } from '../db/membership-queries.js';
import type { SettlementRow } from '../db/tables.js';
import type { GroupsDeps } from '../deps.js';
import { MemberNotFound, NotGroupMember } from '../domain/group-errors.js';
import { requireMembership } from '../domain/membership.js';

export interface RecordSettlementCommand {
  caller: Caller;
  groupId: string;
  fromUserId: string;
  amount: Money;
}

/**
 * The caller says another member paid them outside the app (a settle-up payment): only the
 * receiver can say so, since it lowers what they are owed.
 */
export function recordSettlement(deps: GroupsDeps, command: RecordSettlementCommand): Promise<SettlementRow> {
  const { caller, groupId, fromUserId, amount } = command;
  return deps.db.transaction(async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw new NotGroupMember();
    requireMembership(await findRole(tx, groupId, caller.userId));
    if (fromUserId === caller.userId || !(await memberIdsOf(tx, groupId)).has(fromUserId)) throw new MemberNotFound(fromUserId, 'fromUserId');
    const row = await insertSettlement(tx, {
      groupId,
      fromUserId,
      toUserId: caller.userId,
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      shareId: null,
      method: 'OUTSIDE',
      walletTransactionId: null,
      recordedBy: caller.userId,
    });
    if (!row) throw new Error('settlement was not written');
    return row;
  });
}
