import { InsufficientFunds } from '@sx/core';
import type { Tx } from '@sx/runtime';
import { findAccountById } from '../db/account-queries.js';
import { releaseKey } from '../db/idempotency-queries.js';
import { findTransfer } from '../db/transfer-queries.js';
import type { WalletDeps } from '../deps.js';
import type { Caller } from '@sx/events';
import type { StoredResponse } from '../domain/idempotency.js';
import { assertInvariant } from '../domain/invariant.js';
import { recordMoneyWithdrawn } from '../events/wallet-events.js';
import type { ProviderOutcome } from '../payment-provider/payment-provider.js';
import { outsideWorld, userWallet } from './ledger/account-refs.js';
import { finishRequest, reachPhase, type ClaimedRequest } from './ledger/idempotent-request.js';
import { declinedResponse, type WalletOperationResult } from './ledger/operation-result.js';
import { postTransfer } from './ledger/post-transfer.js';
import { movementCall, runIdempotent, type MoneyMovementCommand } from './ledger/run-idempotent.js';

/** withdraw: money paid out of the caller's wallet, under their idempotency key. */
export async function withdrawMoney(deps: WalletDeps, command: MoneyMovementCommand): Promise<WalletOperationResult> {
  return runIdempotent(deps, movementCall('withdraw', command), (request) => continueWithdrawal(deps, request, command));
}

/**
 * Pays money out of the caller's wallet in three steps, each crash-safe:
 * 1. debit the wallet (the funds check happens here, under the account lock, so concurrent
 *    withdrawals cannot spend the same money) and record the recovery point `debited`;
 * 2. ask the provider for the payout, keyed by the request id (a retry asks again, the
 *    provider answers the first outcome);
 * 3. on success store the response and publish; on a decline post a reversal that pays the
 *    money back, and store the decline. Money is never lost: it is in the wallet or paid out.
 * A retry after a crash resumes from the recorded phase (see claimRequest's takeover).
 */
export async function continueWithdrawal(deps: WalletDeps, request: ClaimedRequest, command: MoneyMovementCommand): Promise<StoredResponse> {
  const { caller, money } = command;
  const debitId = request.phase === 'debited' && request.transferId ? request.transferId : await debitWallet(deps, request, command);
  const outcome = await deps.provider.payout({ requestId: request.requestId, userId: caller.userId, ...money });
  return deps.db.transaction((tx) => settlePayout(tx, { caller, money, request, debitId, outcome }));
}

async function debitWallet(deps: WalletDeps, request: ClaimedRequest, command: MoneyMovementCommand): Promise<string> {
  const { caller, money } = command;
  try {
    return await deps.db.transaction(async (tx) => {
      const posted = await postTransfer(tx, {
        kind: 'withdrawal',
        debit: userWallet(caller.userId, money.currency),
        credit: outsideWorld(money.currency),
        ...money,
        reference: `withdrawal:${request.requestId}`,
      });
      await reachPhase(tx, request, 'debited', posted.transfer.id);
      return posted.transfer.id;
    });
  } catch (err) {
    // Nothing moved: forget the key so the same request can be sent again once money is there.
    if (err instanceof InsufficientFunds) await releaseKey(deps.db, request);
    throw err;
  }
}

interface Settlement {
  caller: Caller;
  money: MoneyMovementCommand['money'];
  request: ClaimedRequest;
  debitId: string;
  outcome: ProviderOutcome;
}

async function settlePayout(tx: Tx, s: Settlement): Promise<StoredResponse> {
  const { caller, money, request, debitId, outcome } = s;
  if (outcome.status === 'declined') {
    await postTransfer(tx, {
      kind: 'withdrawal_reversal',
      debit: outsideWorld(money.currency),
      credit: userWallet(caller.userId, money.currency),
      ...money,
      reference: `withdrawal_reversal:${request.requestId}`,
    });
    const declined = declinedResponse(outcome);
    await finishRequest(tx, request, declined);
    return declined;
  }
  const transfer = await findTransfer(tx, debitId);
  assertInvariant(transfer !== null, `withdrawal ${debitId} of request ${request.requestId} not found`);
  const wallet = await findAccountById(tx, transfer.debitAccountId);
  assertInvariant(wallet !== null && wallet.ownerId === caller.userId, `withdrawal ${debitId} is not from the caller's wallet`);
  await recordMoneyWithdrawn(tx, { transfer, wallet, userId: caller.userId }, caller.actor);
  const done: StoredResponse = { outcome: 'ok', transferId: transfer.id, accountId: wallet.id };
  await finishRequest(tx, request, done);
  return done;
}
