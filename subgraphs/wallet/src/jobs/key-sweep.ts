import type { Logger } from '@sx/runtime';
import { sweepKeys } from '../commands/sweep-keys.js';
import type { WalletDeps } from '../deps.js';

/** Runs sweepKeys every `intervalMs` until the returned stop is called (shutdown waits for a running pass). */
export function startKeySweep(deps: WalletDeps & { log: Logger }, opts: { intervalMs: number; batch: number }): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      sweepKeys(deps, opts.batch).then(
        (result) => {
          if (result.resumed > 0 || result.purged > 0) deps.log.info(result, 'idempotency keys swept');
        },
        (err: unknown) => deps.log.warn({ err }, 'idempotency key sweep failed'),
      ),
    );
  }, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
