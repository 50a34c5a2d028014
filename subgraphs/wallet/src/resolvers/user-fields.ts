import { parseCurrency } from '../domain/wallet-commands.js';
import { canSeeWallet } from '../domain/money-access.js';
import { walletView } from '../domain/wallet-view.js';
import type { UserResolvers } from '../generated/resolvers-types.js';

/** User.wallet, User.wallets and User.payoutDestination: the owner's own, null for anyone else. */
export function userFields(opts: { defaultCurrency: string }): UserResolvers {
  return {
    wallet: async (user, args, ctx) => {
      const currency = args.currency ? parseCurrency(args.currency, 'currency') : opts.defaultCurrency;
      if (!canSeeWallet(ctx.identity, user.id)) return null;
      const accounts = await ctx.loaders.userAccounts.load(user.id);
      return walletView(user.id, accounts.find((a) => a.currency === currency) ?? null, currency);
    },
    wallets: async (user, _args, ctx) => {
      if (!canSeeWallet(ctx.identity, user.id)) return null;
      const accounts = await ctx.loaders.userAccounts.load(user.id);
      if (accounts.length === 0) return [walletView(user.id, null, opts.defaultCurrency)];
      return accounts.map((account) => walletView(user.id, account, account.currency));
    },
    payoutDestination: (user, _args, ctx) => (canSeeWallet(ctx.identity, user.id) ? ctx.loaders.payoutDestination(user.id) : null),
  };
}
