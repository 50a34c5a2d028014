import { groupMemberLeft, type Caller } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { groupLedger } from '../db/expense-queries.js';
import { deleteMembership, findRole, lockGroup, memberCount, memberIdsOf } from '../db/membership-queries.js';
import type { GroupsDeps } from '../deps.js';
import { MemberNotFound, NotGroupMember } from '../domain/group-errors.js';
import { groupBooks, hasOpenBalance } from '../domain/group-balances.js';
import { checkDeparture, requireMembership, requireOwner } from '../domain/membership.js';
import { recordGroupEvent } from '../events/group-events.js';

export interface LeaveGroupCommand {
  caller: Caller;
  groupId: string;
  /** The member who goes: the caller (leaving) or another member (removed by the owner). */
  userId: string;
}

/**
 * A member leaves, or the owner removes one. The group row is locked first, so a departure and
 * an expense naming the member cannot interleave (the balance checked is the balance left).
 */
export function leaveGroup(deps: GroupsDeps, command: LeaveGroupCommand): Promise<boolean> {
  const { caller, groupId, userId } = command;
  return deps.db.transaction(async (tx) => {
    if (!(await lockGroup(tx, groupId))) throw new NotGroupMember();
    const callerRole = await findRole(tx, groupId, caller.userId);
    if (userId === caller.userId) requireMembership(callerRole);
    else requireOwner(callerRole);
    const role = await findRole(tx, groupId, userId);
    if (!role) throw new MemberNotFound(userId, 'userId');
    checkDeparture({ role, memberCount: await memberCount(tx, groupId), userId, openBalance: await openBalance(tx, groupId, userId) });
    await deleteMembership(tx, groupId, userId);
    await recordGroupEvent(tx, groupMemberLeft, { groupId, userId, removedBy: userId === caller.userId ? null : caller.userId }, caller.actor);
    return true;
  });
}

async function openBalance(tx: Tx, groupId: string, userId: string): Promise<boolean> {
  const [members, ledger] = await Promise.all([memberIdsOf(tx, groupId), groupLedger(tx, groupId)]);
  return hasOpenBalance(groupBooks([...members], ledger.owed, ledger.paid), userId);
}
