import type { WalletDeps } from '../../deps.js';
import type { Caller } from '@sx/events';
import type { IdempotentOperation, RequestParams, StoredResponse } from '../../domain/idempotency.js';
import type { MoneyCommand } from '../../domain/wallet-commands.js';
import { claimRequest, type ClaimedRequest } from './idempotent-request.js';
import { moneyParams, resultOf, type WalletOperationResult } from './operation-result.js';

/** A money-moving request: who asks, under which idempotency key, for what. */
export interface IdempotentCall {
  caller: Caller;
  idempotencyKey: string;
  operation: IdempotentOperation;
  params: RequestParams;
}

/** A deposit or a withdrawal by the caller: money between their wallet and the outside world. */
export type MoneyMovementCommand = MoneyCommand & { caller: Caller };

/** The idempotent call of a deposit or withdrawal; its stored input is the amount alone. */
export const movementCall = (operation: 'deposit' | 'withdraw', command: MoneyMovementCommand): IdempotentCall => ({
  ...command,
  operation,
  params: moneyParams(command.money),
});

/**
 * The shape every money-moving mutation shares: claim the caller's idempotency key, answer a
 * replay with the stored response, otherwise run the operation and answer with its result.
 */
export async function runIdempotent(
  deps: WalletDeps,
  call: IdempotentCall,
  run: (request: ClaimedRequest) => Promise<StoredResponse>,
): Promise<WalletOperationResult> {
  const { caller, idempotencyKey, operation, params } = call;
  const claim = await claimRequest(deps.db, { userId: caller.userId, key: idempotencyKey, operation, params }, deps.keys);
  if (claim.kind === 'replay') return resultOf(deps.db, claim.response, true);
  return resultOf(deps.db, await run(claim.request), false);
}
