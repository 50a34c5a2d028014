import { InsufficientFunds, type Money, NotFound } from '@sx/core';
import { releaseKey } from '../db/idempotency-queries.js';
import { isKnownUser } from '../db/known-user-queries.js';
import type { StoredResponse } from '../domain/idempotency.js';
import { recordMoneySent } from '../events/wallet-events.js';
import { finishRequest, type ClaimedRequest } from './idempotent-request.js';
import { postTransfer } from './post-transfer.js';
import { runIdempotent } from './run-idempotent.js';
import { userWallet, type Caller, type LedgerDeps, type WalletOperationResult } from './wallet-operation.js';

export interface SendOrder {
  recipientId: string;
  money: Money;
  note: string | null;
}

export async function sendMoney(deps: LedgerDeps, caller: Caller, order: SendOrder): Promise<WalletOperationResult> {
  const { money, recipientId, note } = order;
  const params = { amountMinor: money.amountMinor, currency: money.currency, recipientId, note };
  return runIdempotent(deps, caller, 'send', params, (request) => continueSend(deps, caller, request, order));
}

/**
 * Moves money from the caller's wallet to another user's, whose wallet opens with it. One
 * transaction posts the transfer, writes the event and stores the key's response: all or nothing.
 * Refused for lack of money, or because wallet has not heard of the recipient (yet: a sign-up
 * reaches wallet as an event), the key is forgotten, so the same key works once that changes.
 */
export async function continueSend(deps: LedgerDeps, caller: Caller, request: ClaimedRequest, order: SendOrder): Promise<StoredResponse> {
  const { money, recipientId, note } = order;
  try {
    return await deps.db.transaction(async (tx): Promise<StoredResponse> => {
      if (!(await isKnownUser(tx, recipientId))) {
        throw new NotFound('RECIPIENT_NOT_FOUND', `There is no user with id "${recipientId}"; check the id (someone who signed up a moment ago may take a second to become reachable).`);
      }
      const posted = await postTransfer(tx, {
        kind: 'send',
        debit: userWallet(caller.userId, money.currency),
        credit: userWallet(recipientId, money.currency),
        ...money,
        reference: `send:${request.requestId}`,
        note,
      });
      await recordMoneySent(tx, posted, caller.actor);
      const done: StoredResponse = { outcome: 'ok', transferId: posted.transfer.id, accountId: posted.debit.id };
      await finishRequest(tx, request, done);
      return done;
    });
  } catch (err) {
    if (err instanceof InsufficientFunds || err instanceof NotFound) await releaseKey(deps.db, request);
    throw err;
  }
}
