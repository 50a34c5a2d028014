import { type Caller, SYSTEM_ACTOR } from '@sx/events';
import type { Logger } from '@sx/runtime';
import { type Currency, InsufficientFunds, NotFound } from '@sx/core';
import { findAbandonedKeys, purgeExpiredKeys } from '../db/idempotency-queries.js';
import type { IdempotencyKeyRow } from '../db/tables.js';
import type { WalletDeps } from '../deps.js';
import type { StoredResponse } from '../domain/idempotency.js';
import { continueDeposit } from './deposit-money.js';
import { takeOverAbandoned, type ClaimedRequest } from './ledger/idempotent-request.js';
import { continueSend } from './send-money.js';
import { continueWithdrawal } from './withdraw-money.js';

export interface SweepResult {
  resumed: number;
  purged: number;
}

function resume(deps: WalletDeps, row: IdempotencyKeyRow, request: ClaimedRequest): Promise<StoredResponse> {
  // Finished on the user's behalf: their request, completed by the system.
  const caller: Caller = { userId: row.userId, actor: SYSTEM_ACTOR };
  const command = { caller, idempotencyKey: row.key, money: { amountMinor: row.params.amountMinor, currency: row.params.currency as Currency } };
  switch (row.operation) {
    case 'deposit':
      return continueDeposit(deps, request, command);
    case 'withdraw':
      return continueWithdrawal(deps, request, command);
    case 'send': {
      if (!row.params.recipientId) throw new Error(`send ${row.requestId} stored without a recipient`);
      return continueSend(deps, request, { ...command, recipientId: row.params.recipientId, note: row.params.note });
    }
  }
}

/**
 * One pass of the idempotency keys' upkeep (the job in src/jobs/key-sweep.ts):
 * - finishes requests whose process died and whose client did not retry (a withdrawal whose
 *   money left the wallet is paid out or paid back, a charged deposit is credited), exactly as
 *   a retry with the same key would, so no money stays in between;
 * - deletes finished keys past their expiry.
 * Both bounded by `batch`.
 */
export async function sweepKeys(deps: WalletDeps & { log: Logger }, batch: number): Promise<SweepResult> {
  let resumed = 0;
  for (const row of await findAbandonedKeys(deps.db, { leaseMs: deps.keys.leaseMs, limit: batch })) {
    const request = await takeOverAbandoned(deps.db, row.userId, row.key, deps.keys);
    if (!request) continue;
    try {
      await resume(deps, row, request);
      resumed += 1;
    } catch (err) {
      // Refused for lack of money or an unknown recipient: nothing moved and the key was
      // forgotten, as for its client.
      if (err instanceof InsufficientFunds || err instanceof NotFound) continue;
      deps.log.warn({ err, requestId: row.requestId, operation: row.operation }, 'could not finish an abandoned request; next sweep retries');
    }
  }
  const purged = await purgeExpiredKeys(deps.db, batch);
  return { resumed, purged };
}
