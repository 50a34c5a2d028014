import type { TransferKind } from './ledger-kinds.js';

/** How a transfer reads in one wallet's history: the API's WalletTransactionKind, value for value. */
export type WalletTransactionKind =
  | 'DEPOSIT'
  | 'WITHDRAWAL'
  | 'SEND'
  | 'RECEIVE'
  | 'ESCROW_HOLD'
  | 'ESCROW_RELEASE'
  | 'ESCROW_REFUND'
  | 'FEE'
  | 'WITHDRAWAL_REVERSAL'
  | 'DISPUTE_REFUND'
  | 'DISPUTE_RELEASE';

/** Which end of a transfer the wallet is: money left it (debit) or arrived (credit). */
export type TransferSide = 'debit' | 'credit';

const BY_KIND: Record<Exclude<TransferKind, 'send'>, WalletTransactionKind> = {
  deposit: 'DEPOSIT',
  withdrawal: 'WITHDRAWAL',
  escrow_hold: 'ESCROW_HOLD',
  escrow_release: 'ESCROW_RELEASE',
  escrow_refund: 'ESCROW_REFUND',
  fee: 'FEE',
  withdrawal_reversal: 'WITHDRAWAL_REVERSAL',
  dispute_refund: 'DISPUTE_REFUND',
  dispute_release: 'DISPUTE_RELEASE',
};

/** A send between two users is SEND for the sender and RECEIVE for the recipient. */
export function transactionKind(kind: TransferKind, side: TransferSide): WalletTransactionKind {
  if (kind === 'send') return side === 'debit' ? 'SEND' : 'RECEIVE';
  return BY_KIND[kind];
}
