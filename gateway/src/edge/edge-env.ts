import { z } from 'zod';

const bounded = (fallback: number, max: number) => z.coerce.number().int().positive().max(max).default(fallback);

/**
 * The gateway's limits on what one client may do (docs/security.md, "Limits at the edge").
 * Each has a bound, so a typo cannot switch a limit off by making it astronomically high.
 */
export const edgeEnvShape = {
  /** Errors one response carries at most; the rest are counted in a last error. */
  MAX_RESPONSE_ERRORS: bounded(10, 100),
  /** Query cost a signed-in user may spend per RATE_LIMIT_WINDOW_SECONDS (edge/query-cost.ts). */
  RATE_LIMIT_USER_POINTS: bounded(6_000, 10_000_000),
  /** Query cost one address may spend per window on requests without a user. */
  RATE_LIMIT_IP_POINTS: bounded(3_000, 10_000_000),
  RATE_LIMIT_WINDOW_SECONDS: bounded(60, 3_600),
  /**
   * Namespace of the gateway's counters in Redis. Defaults to one per EVENTS_NAMESPACE, so test
   * runs (each with its own namespace) sharing a Redis never share budgets.
   */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).optional(),
  /** Open graphql-ws sockets one user may hold on one gateway instance. */
  WS_MAX_SOCKETS_PER_USER: bounded(8, 1_000),
  /** Active subscriptions one socket may carry. */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: bounded(50, 10_000),
  /** WebSocket connection attempts one address may make per WS_CONNECT_WINDOW_SECONDS, over all instances. */
  WS_CONNECT_ATTEMPTS_PER_IP: bounded(30, 100_000),
  WS_CONNECT_WINDOW_SECONDS: bounded(60, 3_600),
};

/** The Redis key namespace of this gateway's limits. */
export function edgeKeyPrefix(config: { RATE_LIMIT_KEY_PREFIX?: string | undefined; EVENTS_NAMESPACE: string }): string {
  return config.RATE_LIMIT_KEY_PREFIX ?? `sx:${config.EVENTS_NAMESPACE || 'default'}:gateway:`;
}
