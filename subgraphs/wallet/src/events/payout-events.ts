import { appendEvent, payoutFailed, payoutPaid, SYSTEM_ACTOR, type Executor } from '@sx/events';
import type { PayoutRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'wallet';

const payoutData = (payout: PayoutRow, accountMask: string) => ({
  payoutId: payout.id,
  userId: payout.userId,
  day: payout.day,
  amount: { amountMinor: payout.amountMinor, currency: payout.currency },
  accountMask,
});

/** Written in the transaction that recorded the provider's success (the job acts, not a user). */
export function recordPayoutPaid(tx: Executor, payout: PayoutRow, accountMask: string) {
  return appendEvent(tx, outbox, payoutPaid, payoutData(payout, accountMask), { service: SERVICE, actor: SYSTEM_ACTOR });
}

/** Written in the transaction that paid the declined payout back into the wallet. */
export function recordPayoutFailed(tx: Executor, payout: PayoutRow, accountMask: string, reason: string) {
  return appendEvent(tx, outbox, payoutFailed, { ...payoutData(payout, accountMask), reason }, { service: SERVICE, actor: SYSTEM_ACTOR });
}
