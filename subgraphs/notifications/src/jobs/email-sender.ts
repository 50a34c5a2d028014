import type { Logger } from '@sx/runtime';
import { sendDueEmails, type EmailSenderSettings } from '../commands/send-due-emails.js';

/**
 * Sends queued emails: a run right away, again at once while runs come back full (a backlog),
 * otherwise after `pollMs`. `stop` waits for a run in progress.
 */
export function startEmailSender(opts: EmailSenderSettings & { log: Logger; pollMs: number }): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    let again = false;
    current = sendDueEmails(opts, opts.log)
      .then((report) => {
        again = report.claimed === opts.batch;
      })
      // A failed run (database away) is retried at the next interval; queued emails wait meanwhile.
      .catch((err: unknown) => opts.log.error({ err: (err as Error).message }, 'email sender run failed; retrying at the next interval'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, again ? 0 : opts.pollMs);
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
