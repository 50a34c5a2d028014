import { describe, expect, it } from 'vitest';
import { RateLimited } from '@sx/core';
import { HashingGate } from './hashing-gate.js';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the hashing gate', () => {
  it('runs at most `concurrency` at once and hands slots to waiters in order', async () => {
    const gate = new HashingGate({ concurrency: 2, maxWaitMs: 5_000, maxQueue: 10 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const blockers = Array.from({ length: 5 }, deferred);
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await b.promise;
        running--;
      }),
    );
    for (const b of blockers) {
      await new Promise((r) => setImmediate(r));
      b.resolve();
    }
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses with PASSWORD_CHECKS_BUSY beyond the queue, and after the longest wait', async () => {
    const gate = new HashingGate({ concurrency: 1, maxWaitMs: 20, maxQueue: 1 });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const waiting = gate.run(async () => 'late');
    await expect(gate.run(async () => 'no room')).rejects.toMatchObject({ reason: 'PASSWORD_CHECKS_BUSY', retryAfterSeconds: 1 });
    await expect(waiting).rejects.toBeInstanceOf(RateLimited);
    hold.resolve();
    await first;
    // The slot is free again once the work is done.
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
