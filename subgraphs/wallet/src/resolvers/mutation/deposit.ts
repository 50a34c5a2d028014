import { requireUser } from '@sx/core';
import { parseMoneyCommand } from '../../domain/wallet-commands.js';
import { actorOf } from '@sx/events';
import { depositMoney } from '../../ledger/deposit-money.js';
import type { LedgerDeps } from '../../ledger/wallet-operation.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { toPayload } from '../wallet-payload.js';

export function deposit(deps: LedgerDeps): MutationResolvers['deposit'] {
  return async (_, args, ctx) => {
    // Stored uuids are lower case; the ledger compares owners as text.
    const userId = requireUser(ctx.identity).toLowerCase();
    const { money, idempotencyKey } = parseMoneyCommand(args.input);
    const result = await depositMoney(deps, { userId, idempotencyKey, actor: actorOf(ctx.identity) }, money);
    ctx.log.info({ userId, transferId: result.entry.transfer.id, replayed: result.replayed }, 'deposit');
    return toPayload(userId, result);
  };
}
