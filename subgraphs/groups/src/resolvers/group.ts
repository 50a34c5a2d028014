import { parseTimePageArgs, toApiMoney, toConnection, timePosition, type CursorPosition } from '@sx/core';
import { groupBooks } from '../domain/group-balances.js';
import { periodStart, rank } from '../domain/leaderboard.js';
import { settleUpNote } from '../domain/payment-note.js';
import type { GroupResolvers, GroupMemberResolvers, GroupInvitationResolvers } from '../generated/resolvers-types.js';
import type { MembershipRow } from '../loaders.js';
import { visibleGroup } from './access.js';

const memberPosition = (m: MembershipRow): CursorPosition => ({ key: m.joinedAt.toISOString(), id: m.userId });

/** Group's fields; the parent is already a group the caller belongs to (Query.group, references). */
export const groupResolvers: GroupResolvers = {
  __resolveReference: (ref, ctx) => visibleGroup(ctx, ref.id),
  members: async (group, args, ctx) => {
    const page = parseTimePageArgs(args);
    return toConnection(await ctx.loaders.memberPage(group.id, page), page.limit, memberPosition);
  },
  pendingInvitations: async (group, args, ctx) => {
    const page = parseTimePageArgs(args);
    return toConnection(await ctx.loaders.invitationPage({ groupId: group.id }, page), page.limit, timePosition);
  },
  tasks: async (group, args, ctx) => {
    const page = parseTimePageArgs(args);
    return toConnection(await ctx.loaders.taskPage(group.id, args.status ?? null, page), page.limit, timePosition);
  },
  expenses: async (group, args, ctx) => {
    const page = parseTimePageArgs(args);
    return toConnection(await ctx.loaders.expensePage(group.id, page), page.limit, timePosition);
  },
  leaderboard: async (group, args, ctx) => {
    const rows = await ctx.loaders.pointsSince(group.id, periodStart(args.period ?? 'ALL_TIME', new Date()));
    return rank(rows).map((r) => ({ rank: r.rank, points: r.points, user: { id: r.userId } }));
  },
  balances: async (group, _args, ctx) => {
    const { memberIds, owed, paid } = await ctx.loaders.books(group.id);
    return groupBooks(memberIds, owed, paid).flatMap((b) =>
      b.balances.map((x) => ({ user: { id: x.userId }, net: { amount: x.netMinor, currency: b.currency } })),
    );
  },
  settleUp: async (group, _args, ctx) => {
    const { memberIds, owed, paid } = await ctx.loaders.books(group.id);
    return groupBooks(memberIds, owed, paid).flatMap((b) =>
      b.transfers.map((t) => ({
        from: { id: t.fromUserId },
        to: { id: t.toUserId },
        amount: toApiMoney(t.amountMinor, b.currency),
        paymentNote: settleUpNote(group.id, group.name),
      })),
    );
  },
};

export const groupMemberResolvers: GroupMemberResolvers = {
  user: (m) => ({ id: m.userId }),
};

export const groupInvitationResolvers: GroupInvitationResolvers = {
  invitedBy: (i) => ({ id: i.invitedBy }),
};
