/** The money-moving mutations; a key is bound to one of them and one request. */
export const IDEMPOTENT_OPERATIONS = ['deposit', 'withdraw', 'send'] as const;
export type IdempotentOperation = (typeof IDEMPOTENT_OPERATIONS)[number];

/** in_progress while a request runs (or crashed mid-way); done once its response is stored. */
export const KEY_STATUSES = ['in_progress', 'done'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/**
 * Recovery points of a request that did not finish: `claimed` (nothing moved yet, or only the
 * provider was asked, which it deduplicates) and `debited` (a withdrawal took the money and the
 * payout is still to be asked for). A retry resumes from here instead of starting over.
 */
export const KEY_PHASES = ['claimed', 'debited'] as const;
export type KeyPhase = (typeof KEY_PHASES)[number];

/** What was stored for a key once its request finished; replayed for the same key. */
export type StoredResponse =
  | { outcome: 'ok'; transferId: string; accountId: string }
  | { outcome: 'declined'; reason: string; message: string };

/** The stored key as the claim decision needs it. */
export interface KeyState {
  requestHash: string;
  status: KeyStatus;
  lockedUntil: Date;
  expiresAt: Date;
}

/**
 * What to do with a request whose key is already stored:
 * - `reuse`    the key expired (kept at least 24 h): it starts over as a new request;
 * - `mismatch` the key was used for a different request: refuse, nothing happens;
 * - `replay`   the same request finished: answer with its stored response;
 * - `busy`     the same request is running now: a retryable conflict;
 * - `take_over` the same request was left unfinished past its lease (its process died): resume it.
 */
export type ClaimDecision = 'reuse' | 'mismatch' | 'replay' | 'busy' | 'take_over';

export function decideOnStoredKey(stored: KeyState, requestHash: string, now: Date): ClaimDecision {
  // Only finished keys expire: an unfinished withdrawal may hold money that is on its way out.
  if (stored.status === 'done' && stored.expiresAt.getTime() <= now.getTime()) return 'reuse';
  if (stored.requestHash !== requestHash) return 'mismatch';
  if (stored.status === 'done') return 'replay';
  return stored.lockedUntil.getTime() > now.getTime() ? 'busy' : 'take_over';
}

/** How long a running request owns its key, and how long a finished key is replayed. */
export interface KeyTimes {
  leaseMs: number;
  ttlHours: number;
}

export type RequestField = string | number | null;

/**
 * A request's parsed input, stored with its key so an abandoned request can be finished
 * without its client (amounts in minor units, upper-case currency, lower-case ids).
 */
export type RequestParams = {
  amountMinor: number;
  currency: string;
  /** The recipient of a send; null otherwise. */
  recipientId: string | null;
  note: string | null;
};

/**
 * What identifies a request: the operation and its parsed fields in a fixed order, so `usd` and
 * `USD` are the same request and field order does not matter. The stored fingerprint is a hash
 * of it (commands/ledger/request-hash.ts).
 */
export function canonicalRequest(operation: IdempotentOperation, fields: Record<string, RequestField>): string {
  return JSON.stringify([operation, Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** Stripe's limit; keys are opaque to us (a UUID per request is what clients usually send). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
