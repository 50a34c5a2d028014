import { InsufficientFunds, NotFound } from '@sx/core';
import { releaseKey } from '../db/idempotency-queries.js';
import { isKnownUser } from '../db/known-user-queries.js';
import type { WalletDeps } from '../deps.js';
import type { Caller } from '@sx/events';
import type { StoredResponse } from '../domain/idempotency.js';
import type { SendCommand } from '../domain/wallet-commands.js';
import { recordMoneySent } from '../events/wallet-events.js';
import { userWallet } from './ledger/account-refs.js';
import { finishRequest, type ClaimedRequest } from './ledger/idempotent-request.js';
import type { WalletOperationResult } from './ledger/operation-result.js';
import { postTransfer } from './ledger/post-transfer.js';
import { runIdempotent } from './ledger/run-idempotent.js';

/** sendMoney: from the caller's wallet to another user's, under the caller's idempotency key. */
export type SendMoneyCommand = SendCommand & { caller: Caller };

export async function sendMoney(deps: WalletDeps, command: SendMoneyCommand): Promise<WalletOperationResult> {
  const { money, recipientId, note } = command;
  const params = { amountMinor: money.amountMinor, currency: money.currency, recipientId, note };
  return runIdempotent(deps, { ...command, operation: 'send', params }, (request) => continueSend(deps, request, command));
}

/**
 * Moves money from the caller's wallet to another user's, whose wallet opens with it. One
 * transaction posts the transfer, writes the event and stores the key's response: all or nothing.
 * Refused for lack of money, or because wallet has not heard of the recipient (yet: a sign-up
 * reaches wallet as an event), the key is forgotten, so the same key works once that changes.
 */
export async function continueSend(deps: WalletDeps, request: ClaimedRequest, command: SendMoneyCommand): Promise<StoredResponse> {
  const { caller, money, recipientId, note } = command;
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
