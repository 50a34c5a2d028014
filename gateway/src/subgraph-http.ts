import { errors, Pool } from 'undici';
import { SlotQueue } from './slot-queue.js';

/** One subgraph answer as received: status and body text (parsed by each caller). */
export interface SubgraphReply {
  status: number;
  body: string;
}

/** The subgraph did not answer within the timeout (it may still be working on the request). */
export class SubgraphTimeout extends Error {}
/** No connection could be made or it broke before an answer: the request was not served. */
export class SubgraphUnreachable extends Error {}

export interface SubgraphHttpOptions {
  name: string;
  url: string;
  timeoutMs: number;
  /** Open connections kept to this subgraph at most. */
  maxSockets: number;
}

/**
 * POSTs to one subgraph over a pool of kept-alive connections (undici), bounded by a timeout so
 * one stuck subgraph cannot hold requests forever. Failures become plain Errors that say what
 * happened and name the subgraph; their class tells a timeout from an unreachable subgraph
 * (the circuit breaker and read retries treat them differently).
 *
 * Requests wait for a connection in this class's own queue (one slot per socket), not in
 * undici's: the headers, and with them the identity signature and its timestamp, are made only
 * when a slot is free, so time spent queued under load never eats into the subgraph's allowed
 * clock skew (IDENTITY_MAX_SKEW_MS, docs/security.md).
 */
export class SubgraphHttp {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly slots: SlotQueue;

  constructor(private readonly opts: SubgraphHttpOptions) {
    const url = new URL(opts.url);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, { connections: opts.maxSockets, pipelining: 1, keepAliveTimeout: 30_000 });
    this.slots = new SlotQueue(opts.maxSockets);
  }

  /** `headersFor` is called once, when the request leaves: sign there, not before. */
  async post(body: string, headersFor: () => Record<string, string>): Promise<SubgraphReply> {
    const { name, timeoutMs } = this.opts;
    // The wait for a slot is bounded by timeoutMs on its own, so nothing queues forever and the
    // breaker sees an overloaded subgraph as timeouts. A request that got its slot then has the
    // full timeoutMs to answer: cutting it to what is left would send work the subgraph is then
    // given too little time to finish. At worst a caller waits 2 × timeoutMs for the headers.
    const release = await this.slots.acquire(timeoutMs);
    if (!release) throw new SubgraphTimeout(`Subgraph ${name} did not answer within ${timeoutMs} ms (no connection came free)`);
    try {
      return await this.send(body, headersFor());
    } finally {
      // Only once the body is read or the request failed: until then undici holds the socket.
      release();
    }
  }

  private async send(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    const { name, timeoutMs } = this.opts;
    try {
      const res = await this.pool.request({ path: this.path, method: 'POST', headers, body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      return { status: res.statusCode, body: await res.body.text() };
    } catch (err) {
      if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
        throw new SubgraphTimeout(`Subgraph ${name} did not answer within ${timeoutMs} ms`);
      }
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new SubgraphUnreachable(`Subgraph ${name} is unreachable at ${this.opts.url}: ${cause}`);
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
