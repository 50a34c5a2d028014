/**
 * The one clock every time-bound rule reads (access tokens, identity signatures, auto-release):
 * the machine's, shifted by CLOCK_OFFSET_MS. The offset exists so tests can run processes whose
 * clocks disagree, as real hosts' do; a production process refuses one (docs/security.md,
 * "Clock skew", lists the tolerances).
 */
let parsedFrom: string | undefined;
let offsetMs = 0;

/** CLOCK_OFFSET_MS, read when it changes (tests set it per process), as an integer of ms. */
export function clockOffsetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CLOCK_OFFSET_MS;
  if (raw !== parsedFrom) {
    const value = raw === undefined || raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(value)) throw new Error(`CLOCK_OFFSET_MS must be an integer number of milliseconds, not "${raw}"`);
    parsedFrom = raw;
    offsetMs = value;
  }
  if (offsetMs !== 0 && env.NODE_ENV === 'production') throw new Error('CLOCK_OFFSET_MS is for tests; a production process keeps the real clock');
  return offsetMs;
}

/** Milliseconds since the epoch by this process's clock. */
export function clockNow(): number {
  return Date.now() + clockOffsetMs();
}
