import type { Currency } from '@sx/core';
import { addToBalances, openAndLockAccounts, sameAccount, type AccountRef } from '../../db/account-writes.js';
import type { AccountRow, TransferRow } from '../../db/tables.js';
import type { Tx } from '@sx/runtime';
import { insertTransfer } from '../../db/transfer-writes.js';
import { assertInvariant } from '../../domain/invariant.js';
import type { TransferKind } from '../../domain/ledger-kinds.js';
import { applyTransfer } from '../../domain/transfer-rules.js';

export interface TransferOrder {
  kind: TransferKind;
  /** Money leaves this account … */
  debit: AccountRef;
  /** … and arrives in this one. */
  credit: AccountRef;
  amountMinor: number;
  currency: Currency;
  /** What caused it, unique in the ledger: the same cause can never move money twice. */
  reference: string;
  note?: string | null;
  paymentId?: string | null;
  taskId?: string | null;
}

export interface PostedTransfer {
  transfer: TransferRow;
  /** Both accounts as they are after the transfer (still locked by the caller's transaction). */
  debit: AccountRow;
  credit: AccountRow;
}

/**
 * The only way money moves: one immutable transfer and both balances, in the caller's
 * transaction. Opens missing accounts, locks both in id order, applies the domain rules
 * (InsufficientFunds for a user lacking the money) and checks that the database computed the
 * same balances, so a bug fails the transaction instead of losing a cent. The accounts table's
 * CHECKs and the transfers table's immutability hold the same rules underneath.
 */
export async function postTransfer(tx: Tx, order: TransferOrder): Promise<PostedTransfer> {
  assertInvariant(order.debit.currency === order.currency && order.credit.currency === order.currency, 'transfer across currencies');
  const locked = await openAndLockAccounts(tx, [order.debit, order.credit]);
  return postToLockedAccounts(tx, order, locked);
}

/**
 * postTransfer's second half, for a caller that has locked both accounts itself (in id order,
 * in this transaction): the rules, both balances, the database's check of them, the transfer.
 */
export async function postToLockedAccounts(tx: Tx, order: TransferOrder & { transferId?: string }, locked: readonly AccountRow[]): Promise<PostedTransfer> {
  assertInvariant(order.debit.currency === order.currency && order.credit.currency === order.currency, 'transfer across currencies');
  const debit = locked.find((a) => sameAccount(order.debit, a));
  const credit = locked.find((a) => sameAccount(order.credit, a));
  assertInvariant(debit !== undefined && credit !== undefined, `accounts of transfer ${order.reference} not locked`);

  const after = applyTransfer(debit, credit, order.amountMinor, order.currency);
  const stored = await addToBalances(tx, [
    { accountId: debit.id, deltaMinor: -order.amountMinor },
    { accountId: credit.id, deltaMinor: order.amountMinor },
  ]);
  assertInvariant(
    stored.get(debit.id) === after.debitBalanceMinor && stored.get(credit.id) === after.creditBalanceMinor,
    `database balances differ from the ledger's for transfer ${order.reference}`,
  );

  const transfer = await insertTransfer(tx, {
    ...(order.transferId ? { id: order.transferId } : {}),
    kind: order.kind,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amountMinor: order.amountMinor,
    currency: order.currency,
    reference: order.reference,
    debitBalanceAfterMinor: after.debitBalanceMinor,
    creditBalanceAfterMinor: after.creditBalanceMinor,
    note: order.note ?? null,
    paymentId: order.paymentId ?? null,
    taskId: order.taskId ?? null,
  });
  return {
    transfer,
    debit: { ...debit, balanceMinor: after.debitBalanceMinor },
    credit: { ...credit, balanceMinor: after.creditBalanceMinor },
  };
}
