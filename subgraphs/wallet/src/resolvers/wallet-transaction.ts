import { transactionKind, type WalletTransactionKind } from '../domain/transaction-kind.js';
import type { AccountEntry } from '../loaders.js';

/** A WalletTransaction as its resolvers receive it (the mapper in codegen.ts): one transfer seen from one wallet. */
export interface WalletTransaction {
  id: string;
  kind: WalletTransactionKind;
  amountMinor: number;
  currency: string;
  balanceAfterMinor: number | null;
  counterpartyId: string | null;
  taskId: string | null;
  note: string | null;
  createdAt: Date;
}

export function toWalletTransaction(entry: AccountEntry): WalletTransaction {
  const { transfer, side } = entry;
  return {
    id: transfer.id,
    kind: transactionKind(transfer.kind, side),
    amountMinor: transfer.amountMinor,
    currency: transfer.currency,
    balanceAfterMinor: side === 'debit' ? transfer.debitBalanceAfterMinor : transfer.creditBalanceAfterMinor,
    counterpartyId: entry.counterpartyId,
    taskId: transfer.taskId,
    note: transfer.note,
    createdAt: transfer.createdAt,
  };
}
