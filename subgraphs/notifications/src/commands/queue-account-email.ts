import type { accountEmailRequested, EventHandler, PayloadOf } from '@sx/events';
import { queueEmails } from '../db/email-outbox-queries.js';
import { renderAccountEmail } from '../domain/email-template.js';
import type { NotifySettings } from './store-notifications.js';

const ROUTES = { VERIFY_EMAIL: 'verify-email', RESET_PASSWORD: 'reset-password' } as const;

/**
 * users.account.email_requested → the verification or reset email, queued once per event like
 * every email (no preference applies: the user asked for it). Nothing when email is off.
 */
export const queueAccountEmail =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof accountEmailRequested>> =>
  async (tx, event, log) => {
    if (!settings.emailLinks) {
      log.warn({ userId: event.data.userId, purpose: event.data.purpose }, 'account email not sent: email is off (no SMTP_URL)');
      return;
    }
    const { userId, email, name, purpose, token, expiresAt } = event.data;
    const link = `${settings.emailLinks.appUrl}/#/${ROUTES[purpose]}?token=${encodeURIComponent(token)}`;
    const mail = renderAccountEmail({ purpose, recipientName: name, link, expiresAt: new Date(expiresAt) });
    await queueEmails(tx, [
      { eventId: event.id, recipientId: userId, kind: purpose, notificationId: null, toAddress: email, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, unsubscribeUrl: null },
    ]);
  };
