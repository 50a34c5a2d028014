import { requireCaller } from '@sx/events';
import { answerGroupInvitation } from '../../commands/answer-invitation.js';
import { createGroup } from '../../commands/create-group.js';
import { inviteToGroup } from '../../commands/invite-to-group.js';
import { leaveGroup } from '../../commands/leave-group.js';
import type { GroupsDeps } from '../../deps.js';
import { parseGroupName } from '../../domain/membership.js';
import { parseEmail } from '../../domain/text-input.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { memberGroup } from '../access.js';

type MembershipMutations = Pick<
  MutationResolvers,
  'createGroup' | 'inviteToGroup' | 'acceptGroupInvitation' | 'declineGroupInvitation' | 'leaveGroup' | 'removeGroupMember'
>;

export function membershipMutations(deps: GroupsDeps): MembershipMutations {
  return {
    createGroup: async (_, { input }, ctx) => {
      const group = await createGroup(deps, { caller: requireCaller(ctx.identity), name: parseGroupName(input.name) });
      ctx.log.info({ groupId: group.id }, 'group created');
      return group;
    },
    inviteToGroup: (_, { input }, ctx) =>
      inviteToGroup(deps, { caller: requireCaller(ctx.identity), groupId: input.groupId, email: parseEmail(input.email) }),
    acceptGroupInvitation: async (_, { id }, ctx) => {
      const invitation = await answerGroupInvitation(deps, { caller: requireCaller(ctx.identity), invitationId: id, answer: 'ACCEPTED' });
      return memberGroup(ctx, invitation.groupId);
    },
    declineGroupInvitation: (_, { id }, ctx) => answerGroupInvitation(deps, { caller: requireCaller(ctx.identity), invitationId: id, answer: 'DECLINED' }),
    leaveGroup: (_, { groupId }, ctx) => {
      const caller = requireCaller(ctx.identity);
      return leaveGroup(deps, { caller, groupId, userId: caller.userId });
    },
    removeGroupMember: (_, { groupId, userId }, ctx) => leaveGroup(deps, { caller: requireCaller(ctx.identity), groupId, userId: userId.toLowerCase() }),
  };
}
