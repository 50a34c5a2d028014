import type { Db, Logger } from '@sx/runtime';
import { claimDueEmails, recordOutcome, type EmailOutcome } from '../db/email-outbox-queries.js';
import type { EmailOutboxRow } from '../db/tables.js';
import type { EmailTransport } from '../deps.js';
import { afterFailure } from '../domain/email-retry.js';

export interface EmailSenderSettings {
  db: Db;
  transport: EmailTransport;
  batch: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** What one run did. */
export interface SendReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

const responseCodeOf = (err: unknown): number | null => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' ? code : null;
};

async function sendOne(s: EmailSenderSettings, email: EmailOutboxRow, log: Logger): Promise<EmailOutcome> {
  try {
    await s.transport.send({
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody,
      messageId: `<${email.eventId}.${email.recipientId}.${email.channel.toLowerCase()}@service-exchange>`,
      unsubscribeUrl: email.unsubscribeUrl,
    });
    return { sent: new Date() };
  } catch (err) {
    const error = (err as Error).message.slice(0, 500);
    const next = afterFailure({ responseCode: responseCodeOf(err), attempts: email.attempts, maxAttempts: s.maxAttempts, baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, now: new Date() });
    log.warn({ emailId: email.id, attempts: email.attempts, error, failed: 'failed' in next }, 'email not sent');
    return 'failed' in next ? { failed: true, error } : { retryAt: next.retryAt, error };
  }
}

/**
 * One run of the email sender: claims what is due (leased, so two instances never send the same
 * email at once), sends each over the transport, and records sent, retry-at or failed.
 */
export async function sendDueEmails(s: EmailSenderSettings, log: Logger): Promise<SendReport> {
  const claimed = await claimDueEmails(s.db, { limit: s.batch, leaseUntil: new Date(Date.now() + s.leaseMs) });
  const outcomes = await Promise.all(
    claimed.map(async (email) => {
      const outcome = await sendOne(s, email, log);
      await recordOutcome(s.db, email.id, outcome);
      return outcome;
    }),
  );
  return {
    claimed: claimed.length,
    sent: outcomes.filter((o) => 'sent' in o).length,
    retried: outcomes.filter((o) => 'retryAt' in o).length,
    failed: outcomes.filter((o) => 'failed' in o).length,
  };
}
