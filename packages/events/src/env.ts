import { z } from 'zod';

/** Event runtime variables; subgraphs that publish or consume merge these into their env schema. */
export const eventsEnvShape = {
  /** Gives a test run its own streams and subjects on a shared NATS server; empty in production. */
  EVENTS_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]*$/).default(''),
  /** `off` runs a service without publishing its outbox (a separate relay process; crash tests). */
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_BATCH: z.coerce.number().int().min(1).max(1_000).default(100),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  NATS_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  CONSUMER_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(5),
  CONSUMER_ACK_WAIT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  CONSUMER_BACKOFF_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CONSUMER_MAX_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  CONSUMER_BATCH: z.coerce.number().int().min(1).max(500).default(50),
  /**
   * How long a pull request waits on the server; the server sends an idle heartbeat every half of
   * it, and two missed heartbeats make the consumer pull again. That is how a consumer recovers
   * pulls the server dropped (a consumer leader change on a NATS cluster), so it bounds the stall.
   */
  CONSUMER_PULL_EXPIRES_MS: z.coerce.number().int().min(1_000).max(60_000).default(4_000),
  /**
   * Transactions each consumer runs at once (events of one aggregate share a lane, in order).
   * A lane holds a pool connection only while it writes, and waits for one like a request does.
   */
  CONSUMER_LANES: z.coerce.number().int().min(1).max(32).default(4),
  /**
   * Bytes each domain stream may hold (oldest dropped beyond). JetStream reserves this much per
   * stream, so test and bench runs, which each make their own streams, ask for less.
   */
  EVENTS_STREAM_MAX_BYTES: z.coerce.number().int().min(1024 ** 2).max(1024 ** 4).default(1024 ** 3),
  /** Copies of each stream on a NATS cluster (1 on a single server; 3 on a 3-node cluster). */
  EVENTS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
};

const eventsEnv = z.object(eventsEnvShape);
export type EventsConfig = z.infer<typeof eventsEnv> & { NATS_URL: string; DATABASE_URL: string };
