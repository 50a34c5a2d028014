import { startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { sendDueEmails, type EmailSenderSettings } from '../commands/send-due-emails.js';

/**
 * Sends queued emails: a run right away, again at once while runs come back full (a backlog),
 * otherwise after `pollMs` (queued emails wait out a failed run). `stop` waits for a run in progress.
 */
export function startEmailSender(opts: EmailSenderSettings & { log: Logger; pollMs: number }): RepeatingJob {
  return startRepeatingJob({
    name: 'email sender',
    log: opts.log,
    run: () => sendDueEmails(opts, opts.log),
    nextDelayMs: (report) => (report.claimed === opts.batch ? 0 : opts.pollMs),
    retryMs: opts.pollMs,
  });
}
