import { requireUser } from '@sx/core';
import { parseSendCommand } from '../../domain/wallet-commands.js';
import { actorOf } from '@sx/events';
import { sendMoney as send } from '../../ledger/send-money.js';
import type { LedgerDeps } from '../../ledger/wallet-operation.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toPayload } from '../wallet-payload.js';

export function sendMoney(deps: LedgerDeps): MutationResolvers['sendMoney'] {
  return async (_, args, ctx) => {
    // Stored uuids are lower case; the ledger compares owners as text.
    const userId = requireUser(ctx.identity).toLowerCase();
    const { money, idempotencyKey, recipientId, note } = parseSendCommand(args.input, userId);
    const result = await send(deps, { userId, idempotencyKey, actor: actorOf(ctx.identity) }, { recipientId, money, note });
    ctx.log.info({ userId, recipientId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'money sent');
    return toPayload(userId, result);
  };
}
