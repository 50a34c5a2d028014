import { refusalError } from '@sx/runtime';
import type { SubgraphReply } from '../subgraph-http.js';
import { SubgraphTimeout, SubgraphUnreachable } from '../subgraph-http.js';
import type { SubgraphMetrics } from '../subgraph-metrics.js';
import { CircuitBreaker, CircuitOpen, type BreakerLimits, type BreakerState } from './circuit-breaker.js';
import { retryRead, type RetryLimits } from './read-retry.js';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** A 5xx answer counts against the circuit, but is still handed to the caller to report. */
class FailedReply extends Error {
  constructor(readonly reply: SubgraphReply) {
    super(`HTTP ${reply.status}`);
  }
}

const tripsBreaker = (err: unknown) => err instanceof SubgraphUnreachable || err instanceof SubgraphTimeout || err instanceof FailedReply;
// A timed-out read is not retried: the subgraph is slow, and a second copy only adds to its load.
const worthRetrying = (err: unknown) => err instanceof SubgraphUnreachable;

function outcomeOf(err: unknown): string {
  if (err instanceof SubgraphUnreachable) return 'unreachable';
  if (err instanceof SubgraphTimeout) return 'timeout';
  if (err instanceof CircuitOpen) return 'circuit_open';
  return 'error';
}

/**
 * Every fetch to one subgraph goes through here: its circuit breaker, retries for reads, and
 * the RED metrics (rate and errors by outcome, duration). A subgraph that cannot answer becomes
 * an UNAVAILABLE error naming it; the gateway then nulls the fields that subgraph serves and
 * keeps the rest of the response.
 */
export class SubgraphGuard {
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly name: string,
    private readonly limits: BreakerLimits & RetryLimits,
    private readonly metrics: SubgraphMetrics,
  ) {
    this.breaker = new CircuitBreaker(name, limits, (state) => metrics.circuitState.set({ subgraph: name }, STATE_VALUE[state]));
    metrics.circuitState.set({ subgraph: name }, 0);
  }

  get state(): BreakerState {
    return this.breaker.state;
  }

  /** `send` must sign afresh on each call: a subgraph serves each signed request id once. */
  async fetch(send: () => Promise<SubgraphReply>, kind: 'read' | 'write'): Promise<SubgraphReply> {
    const attempt = () => this.timed(() => this.breaker.run(() => this.failOn5xx(send), tripsBreaker));
    const retries = kind === 'read' ? this.limits : { ...this.limits, retries: 0 };
    try {
      return await retryRead(attempt, worthRetrying, retries, () => this.metrics.retries.inc({ subgraph: this.name }));
    } catch (err) {
      if (err instanceof FailedReply) return err.reply;
      if (err instanceof SubgraphUnreachable || err instanceof SubgraphTimeout || err instanceof CircuitOpen) {
        throw refusalError('SUBGRAPH_UNAVAILABLE', `The ${this.name} service is unavailable right now (${outcomeOf(err).replace('_', ' ')}); retry in a moment.`, {
          subgraph: this.name,
          retryable: true,
        });
      }
      throw err;
    }
  }

  private async failOn5xx(send: () => Promise<SubgraphReply>): Promise<SubgraphReply> {
    const reply = await send();
    if (reply.status >= 500) throw new FailedReply(reply);
    return reply;
  }

  private async timed(call: () => Promise<SubgraphReply>): Promise<SubgraphReply> {
    const started = performance.now();
    const labels = { subgraph: this.name };
    try {
      const reply = await call();
      this.metrics.requests.inc({ ...labels, outcome: 'ok' });
      return reply;
    } catch (err) {
      this.metrics.requests.inc({ ...labels, outcome: outcomeOf(err) });
      throw err;
    } finally {
      this.metrics.duration.observe(labels, (performance.now() - started) / 1000);
    }
  }
}
