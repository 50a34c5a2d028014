import { Conflict, NotFound } from '@sx/core';
import { groupMemberJoined, type Caller } from '@sx/events';
import { answerInvitation, emailOf, lockInvitationFor, type InvitationView } from '../db/invitation-queries.js';
import { insertMembership, lockGroup, memberCount } from '../db/membership-queries.js';
import type { Tx } from '@sx/runtime';
import type { GroupsDeps } from '../deps.js';
import { checkRoomForMember } from '../domain/membership.js';
import { recordGroupEvent } from '../events/group-events.js';

export interface AnswerInvitationCommand {
  caller: Caller;
  invitationId: string;
  answer: 'ACCEPTED' | 'DECLINED';
}

/** The invitee (whoever is signed in with the invited address) joins the group or declines. */
export function answerGroupInvitation(deps: GroupsDeps, command: AnswerInvitationCommand): Promise<InvitationView> {
  const { caller, invitationId, answer } = command;
  return deps.db.transaction(async (tx) => {
    const email = await emailOf(tx, caller.userId);
    if (!email) {
      throw new Conflict('EMAIL_NOT_KNOWN_YET', 'Your account is not known to groups yet (it was just created); retry in a second or two.', {
        retryable: true,
      });
    }
    const invitation = await lockInvitationFor(tx, invitationId, email);
    if (!invitation) throw new NotFound('INVITATION_NOT_FOUND', 'No pending invitation with this id was sent to your email address.');
    const group = await lockGroup(tx, invitation.groupId);
    if (!group) throw new Error(`group ${invitation.groupId} of invitation ${invitationId} is missing`);
    if (answer === 'ACCEPTED') await join(tx, caller, invitation.groupId);
    const answered = await answerInvitation(tx, invitationId, answer);
    return { ...answered, groupName: group.name };
  });
}

async function join(tx: Tx, caller: Caller, groupId: string): Promise<void> {
  checkRoomForMember(await memberCount(tx, groupId));
  // Already a member (invited twice under two addresses): joining again changes nothing.
  if (await insertMembership(tx, { groupId, userId: caller.userId, role: 'MEMBER' })) {
    await recordGroupEvent(tx, groupMemberJoined, { groupId, userId: caller.userId, role: 'MEMBER' }, caller.actor);
  }
}
