import { withdrawMoney } from '../../commands/withdraw-money.js';
import type { WalletDeps } from '../../deps.js';
import { parseMoneyCommand } from '../../domain/wallet-commands.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { callerOf } from '../caller.js';
import { toPayload } from '../wallet-payload.js';

export function withdraw(deps: WalletDeps): MutationResolvers['withdraw'] {
  return async (_, args, ctx) => {
    const caller = callerOf(ctx.identity);
    const result = await withdrawMoney(deps, { caller, ...parseMoneyCommand(args.input) });
    ctx.log.info({ userId: caller.userId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'withdrawal');
    return toPayload(caller.userId, result);
  };
}
