import { randomUUID } from 'node:crypto';
import { InsufficientFunds, NotFound } from '@sx/core';
import { lockSendWallets } from '../db/account-writes.js';
import { insertFinishedKey, releaseKey } from '../db/idempotency-queries.js';
import { isKnownUser } from '../db/known-user-queries.js';
import type { WalletDeps } from '../deps.js';
import type { Caller } from '@sx/events';
import type { StoredResponse } from '../domain/idempotency.js';
import type { SendCommand } from '../domain/wallet-commands.js';
import { recordMoneySent } from '../events/wallet-events.js';
import { userWallet } from './ledger/account-refs.js';
import { finishRequest, type ClaimedRequest } from './ledger/idempotent-request.js';
import type { WalletOperationResult } from './ledger/operation-result.js';
import { postToLockedAccounts, postTransfer } from './ledger/post-transfer.js';
import { requestHash } from './ledger/request-hash.js';
import { runIdempotent } from './ledger/run-idempotent.js';

/** sendMoney: from the caller's wallet to another user's, under the caller's idempotency key. */
export type SendMoneyCommand = SendCommand & { caller: Caller };

const sendParams = ({ money, recipientId, note }: SendMoneyCommand) => ({ amountMinor: money.amountMinor, currency: money.currency, recipientId, note });

/**
 * A send calls no provider, so it needs no recovery point: in the common case (both wallets
 * open, the key new) one transaction stores the finished key, posts the transfer and writes
 * the event (sendInOneTransaction). Everything else goes the general way, a claim first: a key
 * already stored (replay, mismatch, a request still running, expired), a wallet to open, a
 * recipient wallet has not heard of.
 */
export async function sendMoney(deps: WalletDeps, command: SendMoneyCommand): Promise<WalletOperationResult> {
  const sent = await sendInOneTransaction(deps, command);
  if (sent) return sent;
  return runIdempotent(deps, { ...command, operation: 'send', params: sendParams(command) }, (request) => continueSend(deps, request, command));
}

/** Thrown inside sendInOneTransaction to roll it back and take the general way. */
class NotForOneTransaction extends Error {}

/**
 * The send in one transaction, or null when it must go the general way. Order matters: the
 * wallets are locked first (id order, as everywhere), then the key is inserted finished, then
 * the balance decides. A concurrent duplicate waits on the wallets, then finds the first one's
 * committed key and is answered with its result (a replay) rather than with its own view of the
 * now lower balance; a refusal rolls the key back with everything else, so the key is unused.
 */
async function sendInOneTransaction(deps: WalletDeps, command: SendMoneyCommand): Promise<WalletOperationResult | null> {
  const { caller, money, recipientId, note } = command;
  const requestId = randomUUID();
  const transferId = randomUUID();
  try {
    return await deps.db.transaction(async (tx) => {
      const wallets = await lockSendWallets(tx, { payerId: caller.userId, recipientId, currency: money.currency });
      const payer = wallets.rows.find((a) => a.ownerId === caller.userId);
      if (wallets.rows.length !== 2 || !wallets.recipientKnown || !payer) throw new NotForOneTransaction();
      const response: StoredResponse = { outcome: 'ok', transferId, accountId: payer.id };
      const params = sendParams(command);
      const row = { userId: caller.userId, key: command.idempotencyKey, operation: 'send' as const, params, requestHash: requestHash('send', params), requestId };
      if (!(await insertFinishedKey(tx, { row, response, times: deps.keys }))) throw new NotForOneTransaction();
      const order = { kind: 'send' as const, debit: userWallet(caller.userId, money.currency), credit: userWallet(recipientId, money.currency) };
      const posted = await postToLockedAccounts(tx, { ...order, ...money, reference: `send:${requestId}`, note, transferId }, wallets.rows);
      await recordMoneySent(tx, posted, caller.actor);
      const entry = { transfer: posted.transfer, side: 'debit' as const, counterpartyId: recipientId };
      return { entry, account: { ...posted.debit, escrowHeldMinor: wallets.payerEscrowHeldMinor }, replayed: false };
    });
  } catch (err) {
    if (err instanceof NotForOneTransaction) return null;
    throw err;
  }
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
