import { setPayoutDestination as storeDestination } from '../../commands/set-payout-destination.js';
import type { WalletDeps } from '../../deps.js';
import { parseDestination } from '../../domain/payout-destination.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function setPayoutDestination(deps: WalletDeps): MutationResolvers['setPayoutDestination'] {
  return async (_, args, ctx) => {
    const destination = await storeDestination(deps, ctx.identity, parseDestination(args.input));
    ctx.log.info({ userId: destination.userId }, 'payout destination set');
    return destination;
  };
}
