import { errors, Pool } from 'undici';

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
 */
export class SubgraphHttp {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly opts: SubgraphHttpOptions) {
    const url = new URL(opts.url);
    this.path = `${url.pathname}${url.search}`;
    this.pool = new Pool(url.origin, { connections: opts.maxSockets, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  async post(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
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
