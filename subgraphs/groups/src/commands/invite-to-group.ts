import { Conflict } from '@sx/core';
import { groupInvitationSent, type Caller } from '@sx/events';
import { findPendingInvitation, insertInvitation, userIdByEmail, type InvitationView } from '../db/invitation-queries.js';
import { findRole, lockGroup, memberIdsOf } from '../db/membership-queries.js';
import type { GroupsDeps } from '../deps.js';
import { NotGroupMember } from '../domain/group-errors.js';
import { requireMembership } from '../domain/membership.js';
import { recordGroupEvent } from '../events/group-events.js';

/**
 * Any member invites an address. A second invitation to an address already invited returns the
 * pending one (no second email); an address whose user already belongs is refused.
 */
export function inviteToGroup(deps: GroupsDeps, command: { caller: Caller; groupId: string; email: string }): Promise<InvitationView> {
  const { caller, groupId, email } = command;
  return deps.db.transaction(async (tx) => {
    // The group lock orders this with accepts, so "already a member" is decided on settled rows.
    const group = await lockGroup(tx, groupId);
    if (!group) throw new NotGroupMember();
    requireMembership(await findRole(tx, groupId, caller.userId));
    const existing = await findPendingInvitation(tx, groupId, email);
    if (existing) return { ...existing, groupName: group.name };
    const inviteeId = await userIdByEmail(tx, email);
    if (inviteeId && (await memberIdsOf(tx, groupId)).has(inviteeId)) {
      throw new Conflict('ALREADY_MEMBER', `${email} already belongs to this group.`);
    }
    const invitation = await insertInvitation(tx, { groupId, email, invitedBy: caller.userId });
    await recordGroupEvent(
      tx,
      groupInvitationSent,
      { invitationId: invitation.id, groupId, groupName: group.name, email, invitedBy: caller.userId },
      caller.actor,
    );
    return { ...invitation, groupName: group.name };
  });
}
