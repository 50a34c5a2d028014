import { randomUUID } from 'node:crypto';
import type { Currency } from '@sx/core';
import type { Tx } from '@sx/runtime';
import type { PayoutCandidate } from '../../db/payout-queries.js';
import { findPayoutById, insertPayout, lockPendingPayout, markPayoutSettled } from '../../db/payout-writes.js';
import type { PayoutRow } from '../../db/tables.js';
import type { WalletDeps } from '../../deps.js';
import { assertInvariant } from '../../domain/invariant.js';
import { payoutAmountMinor } from '../../domain/payout-rules.js';
import { openAndLockAccounts } from '../../db/account-writes.js';
import { recordPayoutFailed, recordPayoutPaid } from '../../events/payout-events.js';
import type { ProviderOutcome } from '../../payment-provider/payment-provider.js';
import { outsideWorld, userWallet } from '../ledger/account-refs.js';
import { postToLockedAccounts, postTransfer } from '../ledger/post-transfer.js';
import { payoutIdOf } from './payout-key.js';

/** How one payout ended in this run: `pending` when the provider did not answer (a later run asks again). */
export type PayoutResult = { status: 'paid' | 'failed' | 'pending'; payout: PayoutRow } | { status: 'skipped' };

/**
 * Pays one wallet's daily payout in three steps, each safe to die after:
 * 1. one transaction: lock the wallet, re-read its balance, and if no payout of (user, day,
 *    currency) exists, debit the wallet and insert the payout row (pending) together;
 * 2. ask the provider, keyed by the payout's id (derived from user and day);
 * 3. one transaction: record the outcome (a decline pays the money back) and its event.
 * A death after 1 leaves a pending payout that finishPayout completes; asking the provider
 * again with the same key returns its first answer, so the tasker is never paid twice.
 */
export async function payPayout(deps: WalletDeps, c: PayoutCandidate & { day: string; runId: string; thresholdMinor: number }): Promise<PayoutResult> {
  const payout = await deps.db.transaction((tx) => startPayout(tx, c));
  if (!payout) return { status: 'skipped' };
  return finishPayout(deps, payout);
}

async function startPayout(tx: Tx, c: PayoutCandidate & { day: string; runId: string; thresholdMinor: number }): Promise<PayoutRow | null> {
  const currency = c.currency as Currency;
  const id = payoutIdOf(c.userId, c.day, currency);
  const wallet = userWallet(c.userId, currency);
  const world = outsideWorld(currency);
  const locked = await openAndLockAccounts(tx, [wallet, world]);
  // Under the wallet's lock: a concurrent run (or instance) that got here first has committed its row.
  if (await findPayoutById(tx, id)) return null;
  const account = locked.find((a) => a.kind === 'user');
  assertInvariant(account !== undefined, `wallet of ${c.userId} not locked`);
  const amountMinor = payoutAmountMinor(account.balanceMinor, c.thresholdMinor);
  if (amountMinor === 0) return null;
  const transferId = randomUUID();
  await postToLockedAccounts(tx, { kind: 'withdrawal', debit: wallet, credit: world, amountMinor, currency, reference: `payout:${id}`, transferId }, locked);
  return insertPayout(tx, {
    id,
    userId: c.userId,
    day: c.day,
    currency,
    amountMinor,
    runId: c.runId,
    destinationRef: c.destinationRef,
    accountMask: c.accountMask,
    transferId,
  });
}

/** Steps 2 and 3 of payPayout, also for a pending payout a dead run left behind. */
export async function finishPayout(deps: WalletDeps, payout: PayoutRow): Promise<PayoutResult> {
  let outcome: ProviderOutcome;
  try {
    outcome = await deps.provider.payout({
      requestId: payout.id,
      userId: payout.userId,
      amountMinor: payout.amountMinor,
      currency: payout.currency as Currency,
      destinationRef: payout.destinationRef,
    });
  } catch {
    // Unknown outcome: the money stays debited and the payout pending until the provider answers.
    return { status: 'pending', payout };
  }
  const settled = await deps.db.transaction((tx) => settlePayout(tx, payout.id, outcome));
  return settled ? { status: settled.status === 'paid' ? 'paid' : 'failed', payout: settled } : { status: 'skipped' };
}

async function settlePayout(tx: Tx, payoutId: string, outcome: ProviderOutcome): Promise<PayoutRow | null> {
  const payout = await lockPendingPayout(tx, payoutId);
  if (!payout) return null; // another run settled it first
  if (outcome.status === 'succeeded') {
    await markPayoutSettled(tx, { payoutId, status: 'paid', providerRef: outcome.providerRef, failureReason: null });
    await recordPayoutPaid(tx, payout, payout.accountMask);
    return { ...payout, status: 'paid' };
  }
  const currency = payout.currency as Currency;
  await postTransfer(tx, {
    kind: 'withdrawal_reversal',
    debit: outsideWorld(currency),
    credit: userWallet(payout.userId, currency),
    amountMinor: payout.amountMinor,
    currency,
    reference: `payout_reversal:${payout.id}`,
  });
  await markPayoutSettled(tx, { payoutId, status: 'failed', providerRef: outcome.providerRef, failureReason: outcome.reason });
  await recordPayoutFailed(tx, payout, payout.accountMask, outcome.reason);
  return { ...payout, status: 'failed' };
}
