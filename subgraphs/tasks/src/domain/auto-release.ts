const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a task stays DONE before it completes by itself, from the configuration. */
export interface AutoReleaseDelay {
  /** AUTO_RELEASE_DAYS; fractional days are allowed. */
  days: number;
  /** AUTO_RELEASE_AFTER_MS: overrides `days` when set (tests, staging). */
  afterMs?: number | undefined;
}

export function autoReleaseDelayMs(delay: AutoReleaseDelay): number {
  const ms = delay.afterMs ?? Math.round(delay.days * DAY_MS);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`auto-release delay must be a non-negative number of ms, got ${ms}`);
  return ms;
}

/** Tasks marked done before this instant are due for auto-release. */
export function autoReleaseCutoff(now: Date, delayMs: number): Date {
  return new Date(now.getTime() - delayMs);
}
