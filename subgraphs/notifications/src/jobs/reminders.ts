import { startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { sendReminders, type ReminderSettings } from '../commands/send-reminders.js';

/** Runs the reminders at start, then every `intervalMs` (a rolled-back run claimed nothing); `stop` waits for a run in progress. */
export function startReminders(opts: ReminderSettings & { log: Logger; intervalMs: number }): RepeatingJob {
  return startRepeatingJob({
    name: 'reminders',
    log: opts.log,
    run: () => sendReminders(opts, opts.log),
    nextDelayMs: () => opts.intervalMs,
    retryMs: opts.intervalMs,
  });
}
