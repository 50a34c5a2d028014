import type { RequestParams, StoredResponse } from '../domain/idempotency.js';
import { claimRequest, type ClaimedRequest, type RequestKey } from './idempotent-request.js';
import { resultOf, type Caller, type LedgerDeps, type WalletOperationResult } from './wallet-operation.js';

/**
 * The shape every money-moving mutation shares: claim the caller's idempotency key, answer a
 * replay with the stored response, otherwise run the operation and answer with its result.
 */
export async function runIdempotent(
  deps: LedgerDeps,
  caller: Caller,
  operation: RequestKey['operation'],
  params: RequestParams,
  run: (request: ClaimedRequest) => Promise<StoredResponse>,
): Promise<WalletOperationResult> {
  const claim = await claimRequest(deps.db, { userId: caller.userId, key: caller.idempotencyKey, operation, params }, deps.keys);
  if (claim.kind === 'replay') return resultOf(deps.db, claim.response, true);
  return resultOf(deps.db, await run(claim.request), false);
}
