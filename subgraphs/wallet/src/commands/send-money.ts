import { randomUUID } from 'node:crypto';
import { InsufficientFunds, NotFound } from '@sx/core';
import { sqlStateOf } from '@sx/runtime';
import { releaseKey } from '../db/idempotency-queries.js';
import { SEND_SHORT_OF_MONEY, sendInOneStatement, type OneStatementSent } from '../db/send-in-one-statement.js';
import type { AccountRow, TransferRow } from '../db/tables.js';
import { isKnownUser } from '../db/known-user-queries.js';
import type { WalletDeps } from '../deps.js';
import { inOutboxSpan, type Caller } from '@sx/events';
import type { StoredResponse } from '../domain/idempotency.js';
import type { SendCommand } from '../domain/wallet-commands.js';
import { moneySentEnvelope, recordMoneySent } from '../events/wallet-events.js';
import { userWallet } from './ledger/account-refs.js';
import { finishRequest, type ClaimedRequest } from './ledger/idempotent-request.js';
import type { WalletOperationResult } from './ledger/operation-result.js';
import { postTransfer } from './ledger/post-transfer.js';
import { requestHash } from './ledger/request-hash.js';
import { runIdempotent } from './ledger/run-idempotent.js';

/** sendMoney: from the caller's wallet to another user's, under the caller's idempotency key. */
export type SendMoneyCommand = SendCommand & { caller: Caller };

const sendParams = ({ money, recipientId, note }: SendMoneyCommand) => ({ amountMinor: money.amountMinor, currency: money.currency, recipientId, note });

/**
 * A send calls no provider, so it needs no recovery point: in the common case (both wallets
 * open, the key new, the money there) one statement stores the finished key, posts the transfer
 * and writes the event (sendInOneStatement). Everything else goes the general way, a claim
 * first: a key already stored (replay, mismatch, a request still running, expired), a wallet to
 * open, a recipient wallet has not heard of, a payer short of money (refused there, with the
 * rules' message).
 */
export async function sendMoney(deps: WalletDeps, command: SendMoneyCommand): Promise<WalletOperationResult> {
  const sent = await sendInOneRoundTrip(deps, command);
  if (sent) return sent;
  return runIdempotent(deps, { ...command, operation: 'send', params: sendParams(command) }, (request) => continueSend(deps, request, command));
}

/**
 * The send as one statement in Postgres (drizzle/0009_send_in_one_statement.sql), or null when
 * it must go the general way. Its order is the one the guarantees rest on: the wallets locked
 * first (id order, as everywhere), then the key inserted finished, then the balance decides. A
 * concurrent duplicate waits on the wallets, then finds the first one's committed key and is
 * answered with its result (a replay) rather than with its own view of the now lower balance; a
 * payer short of money rolls the key back with everything else, so the key is unused.
 */
async function sendInOneRoundTrip(deps: WalletDeps, command: SendMoneyCommand): Promise<WalletOperationResult | null> {
  const { caller, money, recipientId, note } = command;
  const requestId = randomUUID();
  const transferId = randomUUID();
  const params = sendParams(command);
  let sent: OneStatementSent | null;
  try {
    // The statement writes the event: its span is the event's producer, as appendEvent's is.
    sent = await inOutboxSpan('wallet.money.sent', () => {
      const { event, channel } = moneySentEnvelope({ transferId, senderId: caller.userId, recipientId, ...money, note }, caller.actor);
      return sendInOneStatement(deps.db, {
        payerId: caller.userId,
        recipientId,
        ...money,
        note,
        key: command.idempotencyKey,
        params,
        requestHash: requestHash('send', params),
        requestId,
        transferId,
        ttlHours: deps.keys.ttlHours,
        event,
        channel,
      });
    });
  } catch (err) {
    if (sqlStateOf(err) === SEND_SHORT_OF_MONEY) return null;
    throw err;
  }
  if (!sent) return null;
  const transfer: TransferRow = {
    id: transferId,
    debitAccountId: sent.payerAccountId,
    creditAccountId: sent.recipientAccountId,
    amountMinor: money.amountMinor,
    currency: money.currency,
    kind: 'send',
    reference: `send:${requestId}`,
    debitBalanceAfterMinor: sent.payerBalanceAfterMinor,
    creditBalanceAfterMinor: sent.recipientBalanceAfterMinor,
    paymentId: null,
    taskId: null,
    note,
    createdAt: sent.transferCreatedAt,
  };
  const wallet: AccountRow = {
    id: sent.payerAccountId,
    kind: 'user',
    ownerId: caller.userId,
    paymentId: null,
    currency: money.currency,
    balanceMinor: sent.payerBalanceAfterMinor,
    shard: 0,
    createdAt: sent.payerCreatedAt,
  };
  return { entry: { transfer, side: 'debit', counterpartyId: recipientId }, account: { ...wallet, escrowHeldMinor: sent.payerEscrowHeldMinor }, replayed: false };
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
