import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The gateway's circuit breaker and read retries (docs/reliability.md), one bound each. */
export const resilienceEnvShape = {
  /** Consecutive failed fetches (unreachable, timed out, HTTP 5xx) that open a subgraph's circuit. */
  BREAKER_FAILURES: count(5),
  /** How long an open circuit fails fast before one probe fetch is let through. */
  BREAKER_OPEN_MS: count(5_000),
  /** Extra attempts of a read whose subgraph could not be reached; mutations are never retried. */
  SUBGRAPH_READ_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Backoff before the first retry (doubling, full jitter), and its ceiling. */
  SUBGRAPH_RETRY_BASE_MS: count(50),
  SUBGRAPH_RETRY_MAX_MS: count(1_000),
};
