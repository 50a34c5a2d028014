import { depositMoney } from '../../commands/deposit-money.js';
import type { WalletDeps } from '../../deps.js';
import { parseMoneyCommand } from '../../domain/wallet-commands.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { callerOf } from '../caller.js';
import { toPayload } from '../wallet-payload.js';

export function deposit(deps: WalletDeps): MutationResolvers['deposit'] {
  return async (_, args, ctx) => {
    const caller = callerOf(ctx.identity);
    const result = await depositMoney(deps, { caller, ...parseMoneyCommand(args.input) });
    ctx.log.info({ userId: caller.userId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'deposit');
    return toPayload(caller.userId, result);
  };
}
