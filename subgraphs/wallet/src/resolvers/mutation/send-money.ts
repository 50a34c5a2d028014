import { sendMoney as send } from '../../commands/send-money.js';
import type { WalletDeps } from '../../deps.js';
import { parseSendCommand } from '../../domain/wallet-commands.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { callerOf } from '../caller.js';
import { toPayload } from '../wallet-payload.js';

export function sendMoney(deps: WalletDeps): MutationResolvers['sendMoney'] {
  return async (_, args, ctx) => {
    const caller = callerOf(ctx.identity);
    const command = parseSendCommand(args.input, caller.userId);
    const result = await send(deps, { caller, ...command });
    ctx.log.info({ userId: caller.userId, recipientId: command.recipientId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'money sent');
    return toPayload(caller.userId, result);
  };
}
