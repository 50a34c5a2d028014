import type { NewEmail } from '../db/email-outbox-queries.js';
import type { EmailLinks } from '../deps.js';
import { renderNotificationEmail } from '../domain/email-template.js';
import type { NotificationDraft } from '../domain/notification-kind.js';
import { signUnsubscribeToken } from '../mail/unsubscribe-token.js';

/**
 * The email of each draft whose recipient's address notifications knows (from their sign-up
 * event); a user it has not heard of yet gets the in-app notification only.
 */
export function notificationEmails(input: {
  eventId: string;
  drafts: readonly NotificationDraft[];
  addresses: ReadonlyMap<string, { email: string; name: string | null }>;
  /** The in-app notification of the same recipient, if one is being stored. */
  notificationIdOf: (recipientId: string) => string | null;
  links: EmailLinks;
}): NewEmail[] {
  const emails: NewEmail[] = [];
  for (const draft of input.drafts) {
    const to = input.addresses.get(draft.recipientId);
    if (!to) continue;
    const token = signUnsubscribeToken(input.links.unsubscribeKey, { userId: draft.recipientId, kind: draft.kind });
    // The web app routes in the hash (examples/web/src/router.ts).
    const unsubscribeUrl = `${input.links.appUrl}/#/unsubscribe?token=${encodeURIComponent(token)}`;
    const openUrl = draft.taskId ? `${input.links.appUrl}/#/tasks/${draft.taskId}` : `${input.links.appUrl}/#/notifications`;
    const email = renderNotificationEmail(draft, { recipientName: to.name, openUrl, unsubscribeUrl });
    emails.push({
      eventId: input.eventId,
      recipientId: draft.recipientId,
      kind: draft.kind,
      notificationId: input.notificationIdOf(draft.recipientId),
      toAddress: to.email,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      unsubscribeUrl,
    });
  }
  return emails;
}
