import type { Tx } from '@sx/runtime';
import { queueEmails, type NewEmail } from '../db/email-outbox-queries.js';
import { findRecipients } from '../db/recipient-queries.js';
import type { NotificationRow } from '../db/tables.js';
import type { EmailLinks } from '../deps.js';
import { renderNotificationEmail } from '../domain/email-template.js';
import type { NotificationDraft } from '../domain/notification-kind.js';
import { signUnsubscribeToken } from '../mail/unsubscribe-token.js';

/**
 * Queues the email of each draft whose recipient's address notifications knows (from their
 * sign-up event); a user it has not heard of yet gets the in-app notification only.
 */
export async function queueNotificationEmails(
  tx: Tx,
  input: { eventId: string; drafts: readonly NotificationDraft[]; rows: readonly NotificationRow[]; links: EmailLinks },
): Promise<number> {
  if (input.drafts.length === 0) return 0;
  const addresses = await findRecipients(tx, input.drafts.map((d) => d.recipientId));
  const emails: NewEmail[] = [];
  for (const draft of input.drafts) {
    const to = addresses.get(draft.recipientId);
    if (!to) continue;
    const token = signUnsubscribeToken(input.links.unsubscribeKey, { userId: draft.recipientId, kind: draft.kind });
    // The web app routes in the hash (examples/web/src/router.ts).
    const unsubscribeUrl = `${input.links.appUrl}/#/unsubscribe?token=${encodeURIComponent(token)}`;
    const openUrl = draft.taskId ? `${input.links.appUrl}/#/tasks/${draft.taskId}` : `${input.links.appUrl}/#/notifications`;
    const email = renderNotificationEmail(draft, { recipientName: to.name, openUrl, unsubscribeUrl });
    const row = input.rows.find((r) => r.recipientId === draft.recipientId) ?? null;
    emails.push({
      eventId: input.eventId,
      recipientId: draft.recipientId,
      kind: draft.kind,
      notificationId: row?.id ?? null,
      toAddress: to.email,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      unsubscribeUrl,
    });
  }
  return queueEmails(tx, emails);
}
