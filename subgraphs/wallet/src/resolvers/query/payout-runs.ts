import { parseTimePageArgs, requireRole, timePosition, toApiMoney, toConnection } from '@sx/core';
import { pagePayoutRuns } from '../../db/payout-queries.js';
import type { WalletDeps } from '../../deps.js';
import type { PayoutRunResolvers, QueryResolvers } from '../../generated/resolvers-types.js';

/** Query.payoutRuns: admins only; newest first. */
export function payoutRuns(deps: WalletDeps): QueryResolvers['payoutRuns'] {
  return async (_, args, ctx) => {
    requireRole(ctx.identity, 'ADMIN');
    const page = parseTimePageArgs(args);
    return toConnection(await pagePayoutRuns(deps.db, page), page.limit, timePosition);
  };
}

export const payoutRunFields: PayoutRunResolvers = {
  startedAt: (r) => r.createdAt,
  totals: (r) => r.totals.map((t) => toApiMoney(t.amountMinor, t.currency)),
};
