import type { WalletDeps } from '../deps.js';
import type { StoredResponse } from '../domain/idempotency.js';
import { recordMoneyDeposited } from '../events/wallet-events.js';
import { outsideWorld, userWallet } from './ledger/account-refs.js';
import { finishRequest, type ClaimedRequest } from './ledger/idempotent-request.js';
import { declinedResponse, type WalletOperationResult } from './ledger/operation-result.js';
import { postTransfer } from './ledger/post-transfer.js';
import { movementCall, runIdempotent, type MoneyMovementCommand } from './ledger/run-idempotent.js';

/** deposit: money paid in from outside, under the caller's idempotency key. */
export async function depositMoney(deps: WalletDeps, command: MoneyMovementCommand): Promise<WalletOperationResult> {
  return runIdempotent(deps, movementCall('deposit', command), (request) => continueDeposit(deps, request, command));
}

/**
 * Charges the user through the payment provider, then credits their wallet. The charge is
 * asked for with the key's request id, so a retry after a crash between the two steps finds
 * the same charge at the provider and credits it once (the transfer's reference is unique too).
 * A declined charge changes no balance; the decline is the key's stored answer.
 */
export async function continueDeposit(deps: WalletDeps, request: ClaimedRequest, command: MoneyMovementCommand): Promise<StoredResponse> {
  const { caller, money } = command;
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
