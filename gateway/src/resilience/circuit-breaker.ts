/** closed: calls flow; open: calls fail at once; half-open: one probe decides which it becomes. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerLimits {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  openMs: number;
}

/** Thrown instead of calling while the circuit is open (or a probe is already out). */
export class CircuitOpen extends Error {
  constructor(readonly target: string, readonly retryInMs: number) {
    super(`${target} is unavailable (circuit open, next probe in ${retryInMs} ms)`);
  }
}

/**
 * A circuit breaker for one dependency. Consecutive failures open it: callers then fail fast
 * instead of queueing behind a dead or stuck subgraph (and piling more work onto it). After
 * `openMs` exactly one call goes through as a probe; its success closes the circuit, its failure
 * opens it again for another `openMs`. Only failures the caller counts (`isFailure`) trip it, so
 * a subgraph answering GraphQL errors is healthy.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'closed';

  constructor(
    readonly target: string,
    private readonly limits: BreakerLimits,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    return this.current;
  }

  async run<T>(call: () => Promise<T>, isFailure: (err: unknown) => boolean): Promise<T> {
    this.admit();
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (err) {
      if (isFailure(err)) this.failed();
      else this.succeeded();
      throw err;
    }
  }

  /** Lets the call through, or throws CircuitOpen. Half-open admits one probe at a time. */
  private admit(): void {
    if (this.current === 'closed') return;
    const waitedMs = this.now() - this.openedAt;
    if (this.current === 'open' && waitedMs >= this.limits.openMs) this.move('half-open');
    if (this.current === 'half-open' && !this.probing) {
      this.probing = true;
      return;
    }
    throw new CircuitOpen(this.target, Math.max(0, this.limits.openMs - waitedMs));
  }

  private succeeded(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'closed') this.move('closed');
  }

  private failed(): void {
    this.failures += 1;
    const probeFailed = this.current === 'half-open';
    this.probing = false;
    if (probeFailed || this.failures >= this.limits.failureThreshold) {
      this.openedAt = this.now();
      if (this.current !== 'open') this.move('open');
    }
  }

  private move(state: BreakerState): void {
    this.current = state;
    this.onChange(state);
  }
}
