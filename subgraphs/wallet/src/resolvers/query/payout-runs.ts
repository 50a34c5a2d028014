import { parseTimePageArgs, requireRole, timePosition, toApiMoney, toConnection } from '@sx/core';
import type { PayoutRunResolvers, QueryResolvers } from '../../generated/resolvers-types.js';

/** Query.payoutRuns: admins only; newest first. */
export const payoutRuns: QueryResolvers['payoutRuns'] = async (_, args, ctx) => {
  requireRole(ctx.identity, 'ADMIN');
  const page = parseTimePageArgs(args);
  return toConnection(await ctx.loaders.payoutRuns(page), page.limit, timePosition);
};

export const payoutRunFields: PayoutRunResolvers = {
  startedAt: (r) => r.createdAt,
  totals: (r) => r.totals.map((t) => toApiMoney(t.amountMinor, t.currency)),
};
