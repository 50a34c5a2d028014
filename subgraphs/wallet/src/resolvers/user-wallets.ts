import { isUuid, requireRole } from '@sx/core';
import { walletView } from '../domain/wallet-view.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

/**
 * Query.userWallets: an administrator reads any user's wallets and their ledger, read-only (no
 * money mutation takes a user id). Only the currencies the user has used; none for an unknown user.
 */
export const userWalletsQuery: QueryResolvers['userWallets'] = async (_root, args, ctx) => {
  requireRole(ctx.identity, 'ADMIN');
  if (!isUuid(args.userId)) return [];
  const userId = args.userId.toLowerCase();
  const accounts = await ctx.loaders.userAccounts.load(userId);
  return accounts.map((account) => walletView(userId, account, account.currency));
};
