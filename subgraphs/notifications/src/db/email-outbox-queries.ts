import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { emailOutbox, type EmailOutboxRow } from './tables.js';

export type NewEmail = Pick<EmailOutboxRow, 'eventId' | 'recipientId' | 'kind' | 'notificationId' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'unsubscribeUrl'>;

/** Queues emails; one already queued for the same (event, recipient, channel) is left as it is. */
export async function queueEmails(tx: Tx, emails: readonly NewEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const rows = await tx
    .insert(emailOutbox)
    .values([...emails])
    .onConflictDoNothing({ target: [emailOutbox.eventId, emailOutbox.recipientId, emailOutbox.channel] })
    .returning({ id: emailOutbox.id });
  return rows.length;
}

/**
 * Claims up to `limit` due emails for this sender: counts the attempt and leases them until
 * `leaseUntil`, so another instance skips them (SKIP LOCKED) and takes them over only if this one
 * dies before recording the outcome.
 */
export async function claimDueEmails(db: Db, opts: { limit: number; leaseUntil: Date }): Promise<EmailOutboxRow[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'PENDING'), sql`${emailOutbox.nextAttemptAt} <= now()`))
    .orderBy(emailOutbox.nextAttemptAt)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: opts.leaseUntil })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

/** The outcome of one try. */
export type EmailOutcome = { sent: Date } | { retryAt: Date; error: string } | { failed: true; error: string };

export async function recordOutcome(db: Db, id: string, outcome: EmailOutcome): Promise<void> {
  const set =
    'sent' in outcome
      ? { status: 'SENT', sentAt: outcome.sent, lastError: null }
      : 'retryAt' in outcome
        ? { nextAttemptAt: outcome.retryAt, lastError: outcome.error }
        : { status: 'FAILED', lastError: outcome.error };
  await db.update(emailOutbox).set(set).where(eq(emailOutbox.id, id));
}
