import { emptyConnection, parseTimePageArgs, timePosition, toConnection, type CursorPosition } from '@sx/core';
import { requireCaller } from '@sx/events';
import { DateTimeScalar } from '@sx/runtime';
import type { GroupsDeps } from '../deps.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { GroupView } from '../loaders.js';
import { isSelf, memberGroup, memberTask } from './access.js';
import { expenseResolvers, expenseShareResolvers, groupTaskResolvers, settlementResolvers } from './expense.js';
import { groupInvitationResolvers, groupMemberResolvers, groupResolvers } from './group.js';
import { expenseMutations } from './mutation/expenses.js';
import { groupTaskMutations } from './mutation/group-tasks.js';
import { membershipMutations } from './mutation/membership.js';

const joinPosition = (g: GroupView & { joinedAt: Date }): CursorPosition => ({ key: g.joinedAt.toISOString(), id: g.id });

export function createResolvers(deps: GroupsDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      group: (_, { id }, ctx) => {
        requireCaller(ctx.identity);
        return memberGroup(ctx, id.toLowerCase());
      },
      groupTask: (_, { id }, ctx) => {
        requireCaller(ctx.identity);
        return memberTask(ctx, id.toLowerCase());
      },
      myGroupInvitations: async (_, args, ctx) => {
        const caller = requireCaller(ctx.identity);
        const page = parseTimePageArgs(args);
        const email = await ctx.loaders.emailOf(caller.userId);
        return email ? toConnection(await ctx.loaders.invitationPage({ email }, page), page.limit, timePosition) : emptyConnection();
      },
    },
    Mutation: { ...membershipMutations(deps), ...groupTaskMutations(deps), ...expenseMutations(deps) },
    Group: groupResolvers,
    GroupMember: groupMemberResolvers,
    GroupInvitation: groupInvitationResolvers,
    GroupTask: groupTaskResolvers,
    Expense: expenseResolvers,
    ExpenseShare: expenseShareResolvers,
    Settlement: settlementResolvers,
    User: {
      // Which groups someone is in is theirs to see: others get an empty list.
      groups: async (user, args, ctx) => {
        if (!isSelf(ctx.identity, user.id)) return emptyConnection();
        const page = parseTimePageArgs(args);
        return toConnection(await ctx.loaders.groupPage(user.id, page), page.limit, joinPosition);
      },
    },
  };
}
