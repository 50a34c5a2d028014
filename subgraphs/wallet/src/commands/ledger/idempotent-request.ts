import type { Db, Tx } from '@sx/runtime';
import { BadUserInput, Conflict } from '@sx/core';
import {
  completeKey,
  insertKey,
  lockKey,
  markKeyPhase,
  reuseExpiredKey,
  takeOverKey,
  type KeyOwner,
} from '../../db/idempotency-queries.js';
import type { IdempotencyKeyRow } from '../../db/tables.js';
import {
  decideOnStoredKey,
  type IdempotentOperation,
  type KeyPhase,
  type KeyTimes,
  type RequestParams,
  type StoredResponse,
} from '../../domain/idempotency.js';
import { requestHash } from './request-hash.js';

/** A request this process now runs: its key, fencing token, request id and recovery point. */
export interface ClaimedRequest extends KeyOwner {
  requestId: string;
  phase: KeyPhase;
  transferId: string | null;
}

export type Claim = { kind: 'run'; request: ClaimedRequest } | { kind: 'replay'; response: StoredResponse };

export interface RequestKey {
  userId: string;
  key: string;
  operation: IdempotentOperation;
  params: RequestParams;
}

export const claimedRequest = (row: IdempotencyKeyRow): ClaimedRequest => ({
  userId: row.userId,
  key: row.key,
  lockToken: row.lockToken,
  requestId: row.requestId,
  phase: row.phase,
  transferId: row.transferId,
});

const run = (row: IdempotencyKeyRow): Claim => ({ kind: 'run', request: claimedRequest(row) });

const TAKEN_OVER = 'This request took too long and a retry with the same idempotency key took it over; retry to get its result.';

/**
 * Claims the idempotency key in its own short transaction, before any money moves, so a
 * concurrent duplicate sees it at once (CONFLICT, retryable) instead of waiting on the money
 * transaction's locks. The unique (user, key) row decides who runs: a duplicate's insert waits
 * for this commit and then finds the row. See the README for why this survives crashes.
 */
export async function claimRequest(db: Db, request: RequestKey, times: KeyTimes): Promise<Claim> {
  const req = { ...request, requestHash: requestHash(request.operation, request.params) };
  return db.transaction(async (tx) => {
    const inserted = await insertKey(tx, req, times);
    if (inserted) return run(inserted);
    const stored = await lockKey(tx, req.userId, req.key);
    if (!stored) throw new Conflict('IDEMPOTENCY_KEY_BUSY', 'A request with this idempotency key was just refused; retry it.', { retryable: true });
    const decision = decideOnStoredKey(stored.row, req.requestHash, stored.now);
    switch (decision) {
      case 'reuse':
        return run(await reuseExpiredKey(tx, req, times));
      case 'take_over':
        return run(await takeOverKey(tx, stored.row, times));
      case 'replay': {
        if (!stored.row.response) throw new Error(`finished idempotency key without a response`);
        return { kind: 'replay', response: stored.row.response };
      }
      case 'busy':
        throw new Conflict('IDEMPOTENCY_KEY_BUSY', 'A request with this idempotency key is still being processed; retry it in a moment to get its result.', {
          retryable: true,
        });
      case 'mismatch':
        throw new BadUserInput(
          'IDEMPOTENCY_KEY_REUSED',
          `The idempotency key "${req.key}" was already used for a different request; use a new key for each new request.`,
        );
    }
  });
}

/**
 * Takes over a request abandoned by its process (for the key sweep); null when it finished or
 * was taken over meanwhile. The check is repeated under the row lock, so one sweeper wins.
 */
export async function takeOverAbandoned(db: Db, userId: string, key: string, times: KeyTimes): Promise<ClaimedRequest | null> {
  return db.transaction(async (tx) => {
    const stored = await lockKey(tx, userId, key);
    if (!stored || stored.row.status !== 'in_progress' || stored.row.lockedUntil.getTime() > stored.now.getTime()) return null;
    return claimedRequest(await takeOverKey(tx, stored.row, times));
  });
}

/** Stores the response in the transaction that produced it; rolls it back if another process took over. */
export async function finishRequest(tx: Tx, request: ClaimedRequest, response: StoredResponse): Promise<void> {
  if (!(await completeKey(tx, request, response))) throw new Conflict('IDEMPOTENCY_KEY_BUSY', TAKEN_OVER, { retryable: true });
}

/** Records a recovery point in the transaction that reached it; rolls it back if another process took over. */
export async function reachPhase(tx: Tx, request: ClaimedRequest, phase: KeyPhase, transferId: string): Promise<void> {
  if (!(await markKeyPhase(tx, { owner: request, phase, transferId }))) throw new Conflict('IDEMPOTENCY_KEY_BUSY', TAKEN_OVER, { retryable: true });
}
