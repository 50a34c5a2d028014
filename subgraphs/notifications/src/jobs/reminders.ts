import type { Logger } from '@sx/runtime';
import { sendReminders, type ReminderSettings } from '../commands/send-reminders.js';

/** Runs the reminders at start, then every `intervalMs`; `stop` waits for a run in progress. */
export function startReminders(opts: ReminderSettings & { log: Logger; intervalMs: number }): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = sendReminders(opts, opts.log)
      .then(() => undefined)
      // A failed run (database away) is retried at the next interval; nothing is claimed by a rolled-back run.
      .catch((err: unknown) => opts.log.error({ err: (err as Error).message }, 'reminders run failed; retrying at the next interval'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
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
