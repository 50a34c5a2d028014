import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { runFullBatches, startRepeatingJob } from './repeating-job.js';

const log = createLogger('repeating-job-test', 'silent');

describe('startRepeatingJob', () => {
  it('runs at once, again after the delay its result asks for, and after a failure; never two runs at a time', async () => {
    const outcomes: Array<'full' | 'short' | 'fail'> = ['full', 'full', 'fail', 'short', 'short'];
    const started: number[] = [];
    let running = 0;
    let overlapped = false;
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const job = startRepeatingJob({
      name: 'test',
      log,
      run: async () => {
        overlapped ||= running > 0;
        running++;
        started.push(Date.now());
        await new Promise((r) => setTimeout(r, 5));
        running--;
        const outcome = outcomes.shift();
        if (outcomes.length === 0) finish();
        if (outcome === 'fail') throw new Error('database away');
        return outcome;
      },
      // A full batch runs again at once; otherwise after 200 ms.
      nextDelayMs: (result) => (result === 'full' ? 0 : 200),
      retryMs: 50,
    });
    await done;
    await job.stop();
    expect(overlapped).toBe(false);
    expect(started).toHaveLength(5);
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    expect(gaps[0]).toBeLessThan(150); // after 'full': at once
    expect(gaps[2]).toBeGreaterThanOrEqual(50); // after the failure: retryMs
    expect(gaps[3]).toBeGreaterThanOrEqual(200); // after 'short': the interval
  });

  it('stop waits for the run in progress and cancels the next', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const job = startRepeatingJob({
      name: 'test',
      log,
      run: () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      nextDelayMs: () => 0,
      retryMs: 0,
    });
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
  });
});

describe('runFullBatches', () => {
  it('runs batches while they come back full, and stops at the first short one', async () => {
    const sizes = [3, 3, 1, 3];
    let calls = 0;
    const total = await runFullBatches({ batchSize: 3, maxBatches: 10, runBatch: async () => sizes[calls++] ?? 0 });
    expect(total).toBe(7);
    expect(calls).toBe(3);
  });

  it('stops after maxBatches even when every batch is full', async () => {
    let calls = 0;
    const total = await runFullBatches({ batchSize: 2, maxBatches: 4, runBatch: async () => (calls++, 2) });
    expect(total).toBe(8);
    expect(calls).toBe(4);
  });
});
