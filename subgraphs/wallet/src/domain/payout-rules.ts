/** The calendar day (UTC) a payout belongs to, `YYYY-MM-DD`: a tasker is paid out at most once per day. */
export function payoutDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * How much of a wallet's available money a daily payout sends: all of it once it reaches the
 * threshold (PAYOUT_MIN_BALANCE_MINOR), nothing below it, so small balances are not eaten by
 * per-transfer bank costs and wait for a later day.
 */
export function payoutAmountMinor(availableMinor: number, thresholdMinor: number): number {
  return availableMinor >= thresholdMinor ? availableMinor : 0;
}

/**
 * Whether today's run is due: the day's payout hour (UTC) has come and no run of today finished.
 * Every instance asks this; the run itself is still safe if two decide yes at once.
 */
export function isPayoutRunDue(opts: { now: Date; payoutHourUtc: number; lastFinishedDay: string | null }): boolean {
  if (opts.now.getUTCHours() < opts.payoutHourUtc) return false;
  return opts.lastFinishedDay !== payoutDay(opts.now);
}
