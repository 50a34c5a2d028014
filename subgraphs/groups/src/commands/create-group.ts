import { groupMemberJoined, type Caller } from '@sx/events';
import { insertGroup, insertMembership, type GroupView } from '../db/membership-queries.js';
import type { GroupsDeps } from '../deps.js';
import { recordGroupEvent } from '../events/group-events.js';

/** A member starts a group and is its owner: the group, the membership and the event in one transaction. */
export function createGroup(deps: GroupsDeps, command: { caller: Caller; name: string }): Promise<GroupView> {
  const { caller, name } = command;
  return deps.db.transaction(async (tx) => {
    const group = await insertGroup(tx, { name, createdBy: caller.userId });
    await insertMembership(tx, { groupId: group.id, userId: caller.userId, role: 'OWNER' });
    await recordGroupEvent(tx, groupMemberJoined, { groupId: group.id, userId: caller.userId, role: 'OWNER' }, caller.actor);
    return { ...group, myRole: 'OWNER' as const };
  });
}
