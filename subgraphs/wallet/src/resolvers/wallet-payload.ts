import type { WalletOperationResult } from '../commands/ledger/operation-result.js';
import { walletView } from '../domain/wallet-view.js';
import type { ResolversParentTypes } from '../generated/resolvers-types.js';
import { toWalletTransaction } from './wallet-transaction.js';

/** The API's WalletTransactionPayload, with the transaction and wallet as their resolvers take them. */
export function toPayload(ownerId: string, result: WalletOperationResult): ResolversParentTypes['WalletTransactionPayload'] {
  return {
    transaction: toWalletTransaction(result.entry),
    wallet: walletView(ownerId, result.account, result.account.currency),
    replayed: result.replayed,
  };
}
