import { clockNow, startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { releaseDueTasks } from '../commands/release-due-tasks.js';
import type { TasksDeps } from '../deps.js';
import { autoReleaseCutoff } from '../domain/auto-release.js';

/** Batches one run may take in a row when every batch comes back full (catching up after downtime). */
export const AUTO_RELEASE_MAX_BATCHES_PER_RUN = 10;

export interface AutoReleaseOptions extends TasksDeps {
  log: Logger;
  /** AUTO_RELEASE_INTERVAL_MS: pause between runs. */
  intervalMs: number;
  /** How long a task stays DONE before it is released (AUTO_RELEASE_DAYS / AUTO_RELEASE_AFTER_MS). */
  delayMs: number;
  /** AUTO_RELEASE_BATCH: tasks per transaction. */
  batchSize: number;
}

/** One run: batches until one comes back short (or the per-run bound is reached). */
export async function runAutoRelease(opts: Omit<AutoReleaseOptions, 'intervalMs'>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < AUTO_RELEASE_MAX_BATCHES_PER_RUN; batch++) {
    const released = await releaseDueTasks(opts, { cutoff: autoReleaseCutoff(new Date(clockNow()), opts.delayMs), batchSize: opts.batchSize });
    total += released.length;
    if (released.length > 0) opts.log.info({ taskIds: released.map((t) => t.id) }, 'tasks auto-released');
    if (released.length < opts.batchSize) break;
  }
  return total;
}

/** Runs at start, then every interval (due tasks wait out a failed run); `stop` waits for a run in progress. */
export function startAutoRelease(opts: AutoReleaseOptions): RepeatingJob {
  return startRepeatingJob({
    name: 'auto-release',
    log: opts.log,
    run: () => runAutoRelease(opts),
    nextDelayMs: () => opts.intervalMs,
    retryMs: opts.intervalMs,
  });
}
