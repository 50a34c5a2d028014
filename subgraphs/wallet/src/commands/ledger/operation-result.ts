import type { Db } from '@sx/runtime';
import { BadUserInput, type Money } from '@sx/core';
import { findWalletAccountById, type WalletAccountRow } from '../../db/account-queries.js';
import { findAccountEntry, type AccountEntry } from '../../db/transfer-queries.js';
import type { RequestParams, StoredResponse } from '../../domain/idempotency.js';
import type { ProviderOutcome } from '../../payment-provider/payment-provider.js';

/** A finished money movement as the caller sees it. */
export interface WalletOperationResult {
  /** The transfer from the caller's wallet's side. */
  entry: AccountEntry;
  /** The caller's wallet account as it is now, with what escrow holds for it. */
  account: WalletAccountRow;
  /** True when this is the stored result of an earlier request with the same key. */
  replayed: boolean;
}

/** The stored input of a deposit or withdrawal. */
export const moneyParams = (money: Money): RequestParams => ({ ...money, recipientId: null, note: null });

export function declinedResponse(outcome: Extract<ProviderOutcome, { status: 'declined' }>): StoredResponse {
  return { outcome: 'declined', reason: outcome.reason, message: outcome.message };
}

/**
 * Turns a stored response into the API's result: the same transaction for the same key, every
 * time; a declined request is the same error every time.
 */
export async function resultOf(db: Db, response: StoredResponse, replayed: boolean): Promise<WalletOperationResult> {
  if (response.outcome === 'declined') {
    throw new BadUserInput('PAYMENT_DECLINED', response.message, { declineReason: response.reason });
  }
  const [entry, account] = await Promise.all([
    findAccountEntry(db, { accountId: response.accountId, transferId: response.transferId }),
    findWalletAccountById(db, response.accountId),
  ]);
  if (!entry || !account) throw new Error(`stored response names transfer ${response.transferId} of account ${response.accountId}, not found`);
  return { entry, account, replayed };
}
