import { DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { streamName } from '@sx/events';
import type { Logger } from '@sx/runtime';
import type { LiveEvent } from './bindings.js';

export interface EventFeedOptions {
  natsUrl: string;
  namespace: string;
  domains: readonly string[];
  log: Logger;
  /** Called synchronously for every event, in stream order per domain. */
  onEvent: (domain: string, event: LiveEvent) => void;
  /** How long to wait between looks for a stream that does not exist yet. */
  retryMs?: number;
  /**
   * Reconnect attempts of one NATS connection before it closes and the feed opens a new one
   * (-1, the default: the connection itself retries forever).
   */
  reconnectAttempts?: number;
}

/** How long one replay attempt waits for its next message before it starts again from there. */
const REPLAY_IDLE_MS = 10_000;
/** Pause after a failed replay attempt, doubled on each failure in a row up to REPLAY_RETRY_MAX_MS. */
const REPLAY_RETRY_MS = 250;
const REPLAY_RETRY_MAX_MS = 2_000;
/** A failing replay is logged on its first failure and every this many after. */
const REPLAY_WARN_EVERY = 10;

/** `next`, or a rejection if it takes longer than `ms` (the timer does not hold the process). */
function withinIdle<T>(next: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no message for ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([next, idle]).finally(() => clearTimeout(timer));
}

function toLiveEvent(m: JsMsg): LiveEvent | null {
  try {
    const envelope = m.json<{ id?: unknown; type?: unknown; data?: unknown }>();
    if (typeof envelope.id !== 'string' || typeof envelope.type !== 'string') return null;
    const data = envelope.data && typeof envelope.data === 'object' ? (envelope.data as Record<string, unknown>) : {};
    return { id: envelope.id, type: envelope.type, data, seq: m.seq };
  } catch {
    return null;
  }
}

/**
 * Every gateway instance reads every live domain's stream with its own ordered (ephemeral,
 * unacknowledged) consumer, so any instance can serve any subscriber and nothing is shared
 * between instances. It starts at the stream's end; whenever a consumer or the connection gives
 * up, it follows again from the position after the last one it delivered, so a subscriber who
 * stays connected sees every event once, in stream order. Replays for resuming clients use a
 * short-lived ordered consumer of their own.
 */
export class LiveEventFeed {
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly last = new Map<string, number>();
  private readonly stops = new Map<string, () => void>();
  private stopped = false;
  private readonly readyPromise: Promise<void>;
  private resolveReady: () => void = () => undefined;
  private isReady = false;

  constructor(private readonly opts: EventFeedOptions) {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Resolves once every domain's stream is being read (subscriptions wait for it). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  get connected(): boolean {
    return this.isReady && !this.stopped && this.nc !== undefined && !this.nc.isClosed();
  }

  /** A round trip to NATS on the feed's connection: rejects while disconnected (readiness probes it with a timeout). */
  async ping(): Promise<void> {
    if (!this.connected || !this.nc) throw new Error('the live event feed is not following its streams');
    await this.nc.rtt();
  }

  /** The last position read from a domain's stream: a new subscriber sees everything after it. */
  lastSeq(domain: string): number {
    return this.last.get(domain) ?? 0;
  }

  async start(): Promise<void> {
    await this.connect(true);
    // Streams are created by the subgraphs; a gateway started first waits for them in the background.
    void Promise.all(this.opts.domains.map((d) => this.follow(d))).then(() => {
      if (this.stopped) return;
      this.isReady = true;
      this.resolveReady();
    });
  }

  private async connect(first: boolean): Promise<void> {
    const nc = await connect({
      servers: this.opts.natsUrl,
      name: 'gateway-live',
      waitOnFirstConnect: first,
      maxReconnectAttempts: this.opts.reconnectAttempts ?? -1,
      reconnectTimeWait: 500,
    });
    if (this.stopped) {
      // Stopped while (re)connecting: this connection would outlive the feed.
      await nc.close();
      return;
    }
    this.nc = nc;
    this.js = jetstream(nc);
    this.jsm = await jetstreamManager(nc);
    // A connection that gave up reconnecting closes; its consumers end and follow() again on
    // the connection opened here.
    void nc.closed().then(() => this.reconnect(nc));
  }

  private async reconnect(closed: NatsConnection): Promise<void> {
    let attempts = 0;
    while (!this.stopped && this.nc === closed) {
      try {
        await this.connect(false);
        this.opts.log.warn({ attempts }, 'live event feed reconnected to NATS');
      } catch (err) {
        if (++attempts % 20 === 1) this.opts.log.warn({ err: (err as Error).message }, 'live event feed cannot reach NATS');
        await new Promise((r) => setTimeout(r, this.opts.retryMs ?? 250));
      }
    }
  }

  /** Reads a domain's stream from the position after the last one delivered (at first: the end). */
  private async follow(domain: string): Promise<void> {
    const stream = streamName(domain, this.opts.namespace);
    let attempts = 0;
    while (!this.stopped) {
      try {
        const info = await this.jsm!.streams.info(stream);
        if (!this.last.has(domain)) this.last.set(domain, info.state.last_seq);
        const consumer = await this.js!.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.lastSeq(domain) + 1 });
        const messages = await consumer.consume();
        this.stops.set(domain, () => void messages.stop());
        void this.pump(domain, messages);
        return;
      } catch (err) {
        if (++attempts % 20 === 1) this.opts.log.warn({ stream, err: (err as Error).message }, 'waiting for stream to follow for live subscriptions');
        await new Promise((r) => setTimeout(r, this.opts.retryMs ?? 250));
      }
    }
  }

  private async pump(domain: string, messages: AsyncIterable<JsMsg>): Promise<void> {
    try {
      for await (const m of messages) {
        // A consumer recreated after a failure may hand back what was already delivered.
        if (m.seq <= this.lastSeq(domain)) continue;
        this.last.set(domain, m.seq);
        const event = toLiveEvent(m);
        if (event) this.opts.onEvent(domain, event);
        else this.opts.log.warn({ domain, seq: m.seq }, 'skipped an unreadable event');
      }
    } catch (err) {
      if (!this.stopped) this.opts.log.error({ domain, err }, 'live event feed failed');
    }
    // The ordered consumer rides out NATS restarts by itself; if it (or its connection) ever
    // gives up, follow again from where delivery stopped, so connected subscribers miss nothing.
    if (!this.stopped) {
      this.opts.log.warn({ domain, from: this.lastSeq(domain) + 1 }, 'live event feed following again');
      void this.follow(domain);
    }
  }

  /**
   * The events of a domain's stream from `fromSeq` to `untilSeq` inclusive that are still
   * retained, in order. Ends early when the stream holds nothing more.
   *
   * A resuming client has nothing else to get these events from, so a failed attempt — NATS
   * reconnecting, a replicated stream electing a new leader after losing a node (its API
   * requests time out meanwhile), a consumer that stops delivering — is not the end: the
   * replay starts again from the position after the last event it yielded, until it is done,
   * `wanted` says the subscriber is gone, or the feed stops.
   */
  async *replay(domain: string, fromSeq: number, untilSeq: number, wanted: () => boolean = () => true): AsyncGenerator<LiveEvent> {
    let next = fromSeq;
    for (let failures = 0; next <= untilSeq && !this.stopped && wanted(); ) {
      try {
        for await (const { seq, event } of this.replayOnce(domain, next, untilSeq)) {
          next = seq + 1;
          failures = 0;
          if (event) yield event;
        }
        return;
      } catch (err) {
        failures += 1;
        if (failures % REPLAY_WARN_EVERY === 1) this.opts.log.warn({ domain, from: next, until: untilSeq, failures, err: (err as Error).message }, 'replay for a resuming subscriber failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(REPLAY_RETRY_MS * 2 ** (failures - 1), REPLAY_RETRY_MAX_MS)));
      }
    }
  }

  /** One attempt at a replay: throws when NATS fails it or it stops delivering for REPLAY_IDLE_MS. */
  private async *replayOnce(domain: string, fromSeq: number, untilSeq: number): AsyncGenerator<{ seq: number; event: LiveEvent | null }> {
    if (!this.js || !this.jsm) throw new Error('the live event feed is not connected to NATS');
    const stream = streamName(domain, this.opts.namespace);
    const info = await this.jsm.streams.info(stream);
    const start = Math.max(fromSeq, info.state.first_seq);
    if (start > untilSeq || start > info.state.last_seq) return;
    const consumer = await this.js.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start });
    const messages = await consumer.consume({ max_messages: 256 });
    const iterator = messages[Symbol.asyncIterator]();
    try {
      for (;;) {
        const { value: m, done } = await withinIdle(iterator.next(), REPLAY_IDLE_MS);
        // Before the range's end and with more in the stream: the consumer gave up (connection closed).
        if (done) throw new Error(`the replay consumer of ${stream} ended at ${start}..${untilSeq}`);
        if (m.seq > untilSeq) return;
        yield { seq: m.seq, event: toLiveEvent(m) };
        if (m.seq >= untilSeq || m.info.pending === 0) return;
      }
    } finally {
      // close() resolves only once the iterator has ended: end it first (a pending next() ends with it).
      void iterator.return?.(undefined);
      await messages.close().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.values()) stop();
    await this.nc?.drain().catch(() => undefined);
  }
}
