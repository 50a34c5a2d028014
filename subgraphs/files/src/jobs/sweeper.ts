import { startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { sweepFiles } from '../commands/sweep-files.js';
import type { FilesDeps } from '../deps.js';

/** Sweeps at start, then every `intervalMs`, sooner while a full batch keeps coming back. */
export function startSweeper(deps: FilesDeps, opts: { log: Logger; intervalMs: number; batch: number }): RepeatingJob {
  return startRepeatingJob({
    name: 'file sweeper',
    log: opts.log,
    run: () => sweepFiles(deps, opts.log, new Date(), opts.batch),
    nextDelayMs: (deleted) => (deleted === opts.batch ? 0 : opts.intervalMs),
    retryMs: opts.intervalMs,
  });
}
