import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema, secretSchema } from '@sx/runtime';
import { edgeEnvShape } from './edge/edge-env.js';
import { resilienceEnvShape } from './resilience/resilience-env.js';

/** The subgraphs the gateway can route to; subgraph `name` is found at `${NAME}_URL`. */
export const SUBGRAPH_NAMES = ['users', 'tasks', 'bids', 'wallet', 'reviews', 'notifications', 'files', 'analytics', 'groups'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_CORS_ORIGINS = 'http://localhost:3000,http://localhost:5173,http://localhost:4000,http://127.0.0.1:4000';
const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

const subgraphUrl = (port: number) => z.string().url().default(`http://127.0.0.1:${port}/graphql`);
const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Browser origins allowed to call the API; each entry must be a bare origin (scheme://host[:port]). */
const originList = z
  .string()
  .default(DEFAULT_CORS_ORIGINS)
  .transform((value) => value.split(',').map((o) => o.trim()).filter((o) => o.length > 0))
  .refine((origins) => origins.every((o) => URL.canParse(o) && new URL(o).origin === o), {
    message: 'must be a comma-separated list of origins like https://app.example.com (no path, no trailing slash)',
  });

/** express "trust proxy": false (default: req.ip is the socket peer), true, a hop count, or subnets. */
const trustProxy = z
  .string()
  .default('false')
  .transform((value): boolean | number | string => {
    if (value === 'true' || value === 'false') return value === 'true';
    return /^\d+$/.test(value) ? Number(value) : value;
  });

export const envSchema = baseEnvSchema.extend({
  /** Required here: the gateway derives every subgraph's signing key from it (docs/security.md). */
  IDENTITY_SECRET: secretSchema,
  /** Required here: the gateway verifies every access token with it. */
  JWT_SECRET: secretSchema,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** The gateway is the public door, so it listens on every interface unless told otherwise. */
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: trustProxy,
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH),
  CORS_ORIGINS: originList,
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size like 100kb or 1mb')
    .default('100kb'),
  MAX_QUERY_DEPTH: count(12),
  MAX_ALIASES: count(15),
  /** Lexer tokens per document; the introspection query GraphiQL sends needs about 200. */
  MAX_TOKENS: count(2_000),
  /** graphql-armor's static cost (objects 2, scalars 1, times 1.5 per nesting level). */
  MAX_COST: count(5_000),
  MAX_DIRECTIVES: count(50),
  /** On by default, off under NODE_ENV=production unless set explicitly. */
  INTROSPECTION: z.stringbool().optional(),
  /** GraphiQL for browsers at GET /graphql: on by default, off under NODE_ENV=production unless set explicitly. */
  GRAPHIQL: z.stringbool().optional(),
  SUBGRAPH_TIMEOUT_MS: count(10_000),
  /** Kept-alive connections to each subgraph, at most. */
  SUBGRAPH_MAX_SOCKETS: count(64),
  /** Identical reads in flight for the same viewer scope share one subgraph fetch (never mutations). */
  SUBGRAPH_DEDUP: z.stringbool().default(true),
  /**
   * Subgraph answers to keep until a domain event changes them, opted in per root field or entity
   * type: e.g. `Query.tasks,Query.task,User,Task`. Empty (the default): no cache.
   */
  GATEWAY_CACHE: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
    .refine((list) => list.every((s) => /^(Query\.)?[_A-Za-z][_0-9A-Za-z]*$/.test(s)), { message: 'must list root fields (Query.tasks) or entity types (User), comma-separated' }),
  /**
   * Opted-in fetches that read only audited public fields (cache/public-fields.ts) are fetched
   * signed as anonymous and shared by every viewer; false keeps every signed-in viewer's fetches
   * in their own scope.
   */
  CACHE_PUBLIC: z.stringbool().default(true),
  /** Cached answers kept per subgraph, at most. */
  CACHE_MAX_ENTRIES: count(10_000),
  /** A cached answer is never served older than this, even without an event. */
  CACHE_MAX_AGE_MS: count(60_000),
  /** After an invalidation, answers are not stored for this long (consumers of the event may still be writing). */
  CACHE_GRACE_MS: count(1_000),
  /**
   * Whole answers to queries built only from cached fetches, kept up to this many bytes (a hit
   * skips parsing, planning and execution); 0 keeps none and leaves only the fetch cache.
   */
  CACHE_RESPONSE_MAX_BYTES: z.coerce.number().int().min(0).max(4 * 1024 ** 3).default(64 * 1024 ** 2),
  /**
   * How long the gateway believes a token's user exists before asking users again. An hour: a
   * yes cannot go stale (accounts are never deleted; a suspension ends the sessions, refused
   * through ended sessions), and a shorter one made every returning user's first request after
   * it cost a users request (issue 12, placeBid).
   */
  KNOWN_USER_TTL_MS: count(3_600_000).pipe(z.number().max(3_600_000)),
  /** How long "no such user" is believed. */
  UNKNOWN_USER_TTL_MS: count(5_000).pipe(z.number().max(600_000)),
  /** Users remembered at once; the oldest are forgotten first. */
  KNOWN_USERS_MAX: count(100_000).pipe(z.number().max(10_000_000)),
  /**
   * Accounts read from users at start-up (known-users-preload.ts), at most, so their first
   * requests ask nothing; 0 switches the read off. KNOWN_USERS_MAX bounds it too.
   */
  KNOWN_USERS_PRELOAD_MAX: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  /** How long /readyz waits for each subgraph's own /readyz. */
  READY_TIMEOUT_MS: count(2_000),
  /** The namespace of the domain streams live subscriptions read (tests give each run its own). */
  EVENTS_NAMESPACE: eventsEnvShape.EVENTS_NAMESPACE,
  /** A graphql-ws client must send ConnectionInit within this time. */
  WS_INIT_TIMEOUT_MS: count(3_000),
  /** Undelivered payloads one connection may have before it is closed as a slow consumer. */
  WS_MAX_QUEUE: count(256),
  /** Ping interval; a connection that does not answer a ping within it is dropped. */
  WS_KEEPALIVE_MS: count(12_000),
  USERS_URL: subgraphUrl(4001),
  TASKS_URL: subgraphUrl(4002),
  BIDS_URL: subgraphUrl(4003),
  WALLET_URL: subgraphUrl(4004),
  REVIEWS_URL: subgraphUrl(4005),
  NOTIFICATIONS_URL: subgraphUrl(4006),
  FILES_URL: subgraphUrl(4010),
  ANALYTICS_URL: subgraphUrl(4008),
  GROUPS_URL: subgraphUrl(4007),
}).extend(edgeEnvShape).extend(resilienceEnvShape);

export type GatewayConfig = z.infer<typeof envSchema>;

export function introspectionEnabled(config: GatewayConfig): boolean {
  return config.INTROSPECTION ?? config.NODE_ENV !== 'production';
}

export function graphiqlEnabled(config: GatewayConfig): boolean {
  return config.GRAPHIQL ?? config.NODE_ENV !== 'production';
}

function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/** Where subgraph `name` runs; the URLs inside the supergraph file are only npm-start defaults. */
export function subgraphUrlFor(config: GatewayConfig, name: string): string {
  if (!isSubgraphName(name)) {
    throw new Error(`The supergraph names a subgraph "${name}" the gateway has no URL setting for; add ${name.toUpperCase()}_URL to gateway/src/env.ts.`);
  }
  const byName: Record<SubgraphName, string> = {
    users: config.USERS_URL,
    tasks: config.TASKS_URL,
    bids: config.BIDS_URL,
    wallet: config.WALLET_URL,
    reviews: config.REVIEWS_URL,
    notifications: config.NOTIFICATIONS_URL,
    files: config.FILES_URL,
    analytics: config.ANALYTICS_URL,
    groups: config.GROUPS_URL,
  };
  return byName[name];
}
