import { Counter, type Registry } from 'prom-client';
import { startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { sendDueEmails, type EmailSenderSettings } from '../commands/send-due-emails.js';

/**
 * Sends queued emails: a run right away, again at once while runs come back full (a backlog),
 * otherwise after `pollMs` (queued emails wait out a failed run). `stop` waits for a run in progress.
 */
export function startEmailSender(opts: EmailSenderSettings & { log: Logger; pollMs: number; registry: Registry }): RepeatingJob {
  const emails = new Counter({
    name: 'sx_emails_total',
    help: 'Emails the sender finished with, by outcome: sent, retried (will be tried again), failed (given up)',
    labelNames: ['outcome'],
    registers: [opts.registry],
  });
  return startRepeatingJob({
    name: 'email sender',
    log: opts.log,
    run: async () => {
      const report = await sendDueEmails(opts, opts.log);
      emails.inc({ outcome: 'sent' }, report.sent);
      emails.inc({ outcome: 'retried' }, report.retried);
      emails.inc({ outcome: 'failed' }, report.failed);
      return report;
    },
    nextDelayMs: (report) => (report.claimed === opts.batch ? 0 : opts.pollMs),
    retryMs: opts.pollMs,
  });
}
