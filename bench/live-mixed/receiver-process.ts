/**
 * One receiver of the live bench, in its own process: it opens its share of the subscriber
 * sockets and timestamps their deliveries, so the bench measures the gateway and not one
 * event loop reading 2,000 sockets (bench/live-mixed/forked-subscribers.ts).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FromReceiver, ToReceiver } from './receiver-messages.js';
import { PROGRESS_MS } from './receiver-messages.js';
import { openSubscribers, type Subscribers } from './subscribers.js';

const say = (message: FromReceiver) => process.send?.(message);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let subscribers: Subscribers | undefined;
let progress: NodeJS.Timeout | undefined;

process.on('message', (message: ToReceiver) => {
  void handle(message).catch((err: unknown) => say({ type: 'failed', error: (err as Error).message }));
});
process.on('disconnect', () => process.exit(0));

async function handle(message: ToReceiver): Promise<void> {
  if (message.type === 'open') {
    const payers = message.payerTokens.length;
    subscribers = await openSubscribers({
      url: message.url,
      taskId: message.taskId,
      users: payers,
      watchers: message.watcherTokens.length,
      tokenOf: (n) => (n <= payers ? message.payerTokens[n - 1] : message.watcherTokens[n - payers - 1]) ?? '',
    });
    loopDelay.enable();
    progress = setInterval(() => say({ type: 'received', count: subscribers?.received() ?? 0 }), PROGRESS_MS);
    say({ type: 'opened' });
  } else if (message.type === 'collect') {
    loopDelay.disable();
    const subs = subscribers;
    if (!subs) throw new Error('collect before open');
    say({ type: 'arrivals', entries: subs.entries(), problems: subs.problems(), loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 });
  } else {
    clearInterval(progress);
    await subscribers?.close();
    say({ type: 'closed' });
  }
}
