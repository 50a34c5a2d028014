import type { Money } from '@sx/core';
import type { StoredResponse } from '../domain/idempotency.js';
import { recordMoneyDeposited } from '../events/wallet-events.js';
import { finishRequest, type ClaimedRequest } from './idempotent-request.js';
import { postTransfer } from './post-transfer.js';
import { runIdempotent } from './run-idempotent.js';
import {
  declinedResponse,
  moneyParams,
  outsideWorld,
  userWallet,
  type Caller,
  type LedgerDeps,
  type WalletOperationResult,
} from './wallet-operation.js';

export async function depositMoney(deps: LedgerDeps, caller: Caller, money: Money): Promise<WalletOperationResult> {
  return runIdempotent(deps, caller, 'deposit', moneyParams(money), (request) => continueDeposit(deps, caller, request, money));
}

/**
 * Charges the user through the payment provider, then credits their wallet. The charge is
 * asked for with the key's request id, so a retry after a crash between the two steps finds
 * the same charge at the provider and credits it once (the transfer's reference is unique too).
 * A declined charge changes no balance; the decline is the key's stored answer.
 */
export async function continueDeposit(deps: LedgerDeps, caller: Caller, request: ClaimedRequest, money: Money): Promise<StoredResponse> {
  const outcome = await deps.provider.charge({ requestId: request.requestId, userId: caller.userId, ...money });
  return deps.db.transaction(async (tx): Promise<StoredResponse> => {
    if (outcome.status === 'declined') {
      const declined = declinedResponse(outcome);
      await finishRequest(tx, request, declined);
      return declined;
    }
    const posted = await postTransfer(tx, {
      kind: 'deposit',
      debit: outsideWorld(money.currency),
      credit: userWallet(caller.userId, money.currency),
      ...money,
      reference: `deposit:${request.requestId}`,
    });
    await recordMoneyDeposited(tx, { transfer: posted.transfer, wallet: posted.credit, userId: caller.userId }, caller.actor);
    const done: StoredResponse = { outcome: 'ok', transferId: posted.transfer.id, accountId: posted.credit.id };
    await finishRequest(tx, request, done);
    return done;
  });
}
