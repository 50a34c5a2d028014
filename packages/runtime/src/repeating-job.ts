import type { Logger } from './logger.js';

/** A job started by `startRepeatingJob`: `stop` cancels the next run and waits for one in progress. */
export interface RepeatingJob {
  stop: () => Promise<void>;
}

/**
 * Runs `run` at once, then again `nextDelayMs(result)` after each run ends (never two at a time).
 * A failed run (the database away) is logged and retried after `retryMs`: the work it did not
 * commit waits for that run. Jobs with their own interval (auto-release, reminders, the email
 * sender) share this loop so shutdown and failure behave the same in each.
 */
export function startRepeatingJob<T>(opts: {
  name: string;
  log: Logger;
  run: () => Promise<T>;
  nextDelayMs: (result: T) => number;
  retryMs: number;
}): RepeatingJob {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (!stopped) timer = setTimeout(tick, delayMs);
  };
  const tick = () => {
    current = opts.run().then(
      (result) => schedule(opts.nextDelayMs(result)),
      (err: unknown) => {
        opts.log.error({ err: (err as Error).message }, `${opts.name} run failed; retrying at the next interval`);
        schedule(opts.retryMs);
      },
    );
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

/**
 * One run of a batch job: `runBatch` again while batches come back full (catching up after
 * downtime), at most `maxBatches` times so one run stays bounded. Returns how many items were done.
 */
export async function runFullBatches(opts: { batchSize: number; maxBatches: number; runBatch: () => Promise<number> }): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < opts.maxBatches; batch++) {
    const done = await opts.runBatch();
    total += done;
    if (done < opts.batchSize) break;
  }
  return total;
}
