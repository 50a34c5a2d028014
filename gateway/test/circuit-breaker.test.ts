import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpen, type BreakerState } from '../src/resilience/circuit-breaker.js';
import { jitteredDelayMs, retryRead } from '../src/resilience/read-retry.js';

const down = () => Promise.reject(new Error('unreachable'));
const up = () => Promise.resolve('answer');
const always = () => true;

/** A breaker on a clock the test moves, recording its state changes. */
function breakerAt(limits = { failureThreshold: 3, openMs: 1_000 }) {
  let nowMs = 0;
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker('wallet', limits, (s) => changes.push(s), () => nowMs);
  return { breaker, changes, advance: (ms: number) => (nowMs += ms) };
}

describe('circuit breaker', () => {
  it('opens after the configured number of consecutive failures, then fails fast without calling', async () => {
    const { breaker, changes } = breakerAt();
    for (let i = 0; i < 3; i++) await expect(breaker.run(down, always)).rejects.toThrow('unreachable');
    expect(breaker.state).toBe('open');
    let called = false;
    const refused = breaker.run(async () => ((called = true), 'x'), always);
    await expect(refused).rejects.toBeInstanceOf(CircuitOpen);
    await expect(refused).rejects.toThrow(/wallet is unavailable/);
    expect(called).toBe(false);
    expect(changes).toEqual(['open']);
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    const { breaker } = breakerAt();
    await expect(breaker.run(down, always)).rejects.toThrow();
    await expect(breaker.run(down, always)).rejects.toThrow();
    await breaker.run(up, always);
    await expect(breaker.run(down, always)).rejects.toThrow();
    await expect(breaker.run(down, always)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('does not count errors the caller says are not failures (a subgraph answering GraphQL errors is healthy)', async () => {
    const { breaker } = breakerAt();
    for (let i = 0; i < 5; i++) await expect(breaker.run(down, () => false)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through once open long enough, and closes when it succeeds', async () => {
    const { breaker, changes, advance } = breakerAt();
    for (let i = 0; i < 3; i++) await expect(breaker.run(down, always)).rejects.toThrow();
    advance(999);
    await expect(breaker.run(up, always)).rejects.toBeInstanceOf(CircuitOpen);
    advance(1);
    let release: (v: string) => void = () => undefined;
    const probe = breaker.run(() => new Promise<string>((r) => (release = r)), always);
    expect(breaker.state).toBe('half-open');
    // While the probe is out, everyone else still fails fast.
    await expect(breaker.run(up, always)).rejects.toBeInstanceOf(CircuitOpen);
    release('ok');
    await expect(probe).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(up, always)).resolves.toBe('answer');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for another period when the probe fails', async () => {
    const { breaker, changes, advance } = breakerAt();
    for (let i = 0; i < 3; i++) await expect(breaker.run(down, always)).rejects.toThrow();
    advance(1_000);
    await expect(breaker.run(down, always)).rejects.toThrow('unreachable');
    expect(breaker.state).toBe('open');
    advance(500);
    await expect(breaker.run(up, always)).rejects.toBeInstanceOf(CircuitOpen);
    advance(500);
    await expect(breaker.run(up, always)).resolves.toBe('answer');
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('read retries', () => {
  const limits = { retries: 2, baseDelayMs: 1, maxDelayMs: 4 };

  it('retries a retryable failure up to the bound, then gives up with the last error', async () => {
    let calls = 0;
    const call = () => Promise.reject(new Error(`attempt ${++calls}`));
    await expect(retryRead(call, always, limits)).rejects.toThrow('attempt 3');
    expect(calls).toBe(3);
  });

  it('returns the first success and never retries what is not retryable', async () => {
    let calls = 0;
    await expect(retryRead(() => (++calls < 2 ? down() : up()), always, limits)).resolves.toBe('answer');
    expect(calls).toBe(2);
    calls = 0;
    await expect(retryRead(() => (calls++, down()), () => false, limits)).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('waits a random time below a bound that doubles per attempt and stops at the ceiling', () => {
    const bounds = { retries: 5, baseDelayMs: 50, maxDelayMs: 300 };
    expect(jitteredDelayMs(0, bounds, () => 0.999)).toBe(49);
    expect(jitteredDelayMs(2, bounds, () => 0.999)).toBe(199);
    expect(jitteredDelayMs(4, bounds, () => 0.999)).toBe(299);
    expect(jitteredDelayMs(3, bounds, () => 0)).toBe(0);
    const spread = new Set(Array.from({ length: 50 }, () => jitteredDelayMs(1, bounds)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
