import { requireUser } from '@sx/core';
import { parseMoneyCommand } from '../../domain/wallet-commands.js';
import { actorOf } from '@sx/events';
import { withdrawMoney } from '../../ledger/withdraw-money.js';
import type { LedgerDeps } from '../../ledger/wallet-operation.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toPayload } from '../wallet-payload.js';

export function withdraw(deps: LedgerDeps): MutationResolvers['withdraw'] {
  return async (_, args, ctx) => {
    // Stored uuids are lower case; the ledger compares owners as text.
    const userId = requireUser(ctx.identity).toLowerCase();
    const { money, idempotencyKey } = parseMoneyCommand(args.input);
    const result = await withdrawMoney(deps, { userId, idempotencyKey, actor: actorOf(ctx.identity) }, money);
    ctx.log.info({ userId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'withdrawal');
    return toPayload(userId, result);
  };
}
