import { toApiMoney } from '@sx/core';
import type { ShareView } from '../loaders.js';
import { sharePaymentKey, sharePaymentNote } from '../domain/payment-note.js';
import type { ExpenseResolvers, ExpenseShareResolvers, GroupTaskResolvers, SettlementResolvers } from '../generated/resolvers-types.js';
import { memberGroup, visibleInGroup } from './access.js';

/** A share as ExpenseShare's resolvers receive it: with its expense's description, for the payment note. */
export type ShareParent = ShareView & { description: string };

export const expenseResolvers: ExpenseResolvers = {
  __resolveReference: async (ref, ctx) => visibleInGroup(ctx, await ctx.loaders.expense.load(ref.id)),
  group: (e, _args, ctx) => memberGroup(ctx, e.groupId),
  amount: (e) => toApiMoney(e.amountMinor, e.currency),
  spentOn: (e) => new Date(`${e.spentOn}T00:00:00.000Z`),
  payer: (e) => ({ id: e.payerId }),
  createdBy: (e) => ({ id: e.createdBy }),
  shares: async (e, _args, ctx) => (await ctx.loaders.sharesOfExpense.load(e.id)).map((s) => ({ ...s, description: e.description })),
};

const isOwnPart = (s: ShareView) => s.debtorId === s.creditorId;
const isOpen = (s: ShareView) => !s.settlement && !isOwnPart(s);

export const expenseShareResolvers: ExpenseShareResolvers = {
  user: (s) => ({ id: s.debtorId }),
  amount: (s) => toApiMoney(s.amountMinor, s.currency),
  paid: (s) => !isOpen(s),
  paidBy: (s) => s.settlement?.method ?? null,
  paidAt: (s) => s.settlement?.createdAt ?? null,
  paymentNote: (s) => (isOpen(s) ? sharePaymentNote(s.id, s.description) : null),
  paymentIdempotencyKey: (s) => (isOpen(s) ? sharePaymentKey(s.id) : null),
};

export const groupTaskResolvers: GroupTaskResolvers = {
  __resolveReference: async (ref, ctx) => visibleInGroup(ctx, await ctx.loaders.groupTask.load(ref.id)),
  group: (t, _args, ctx) => memberGroup(ctx, t.groupId),
  poster: (t) => ({ id: t.posterId }),
  assignee: (t) => ({ id: t.assigneeId }),
};

export const settlementResolvers: SettlementResolvers = {
  from: (s) => ({ id: s.fromUserId }),
  to: (s) => ({ id: s.toUserId }),
  amount: (s) => toApiMoney(s.amountMinor, s.currency),
};
