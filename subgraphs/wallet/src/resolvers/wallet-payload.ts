import type { WalletOperationResult } from '../ledger/wallet-operation.js';
import { walletView, type WalletView } from '../domain/wallet-view.js';
import { toWalletTransaction, type WalletTransaction } from './wallet-transaction.js';

/** The API's WalletTransactionPayload. */
export interface WalletTransactionPayload {
  transaction: WalletTransaction;
  wallet: WalletView;
  replayed: boolean;
}

export function toPayload(ownerId: string, result: WalletOperationResult): WalletTransactionPayload {
  return {
    transaction: toWalletTransaction(result.entry),
    wallet: walletView(ownerId, result.account, result.account.currency),
    replayed: result.replayed,
  };
}
