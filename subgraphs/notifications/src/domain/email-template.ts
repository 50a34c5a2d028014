import type { NotificationDraft } from './notification-kind.js';

/** One email, ready to send: both parts built from the same notification. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Everything user-written (names, bid messages, notes) passes through here before it reaches HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface EmailContext {
  /** The recipient's display name, as they chose it. */
  recipientName: string | null;
  /** Where the notification can be seen in the web app. */
  openUrl: string;
  /** One click, no sign-in: stops emails of this kind. */
  unsubscribeUrl: string;
}

/** The email of one notification: the same words as the in-app one, with a link to it and an unsubscribe link. */
export function renderNotificationEmail(n: Pick<NotificationDraft, 'title' | 'body'>, ctx: EmailContext): RenderedEmail {
  const greeting = ctx.recipientName ? `Hello ${ctx.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    n.body,
    '',
    `See it on Service Exchange: ${ctx.openUrl}`,
    '',
    '--',
    `You get this email because of your notification settings. Stop emails like this one: ${ctx.unsubscribeUrl}`,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<h2>${escapeHtml(n.title)}</h2>`,
    `<p>${escapeHtml(n.body)}</p>`,
    `<p><a href="${escapeHtml(ctx.openUrl)}">See it on Service Exchange</a></p>`,
    `<hr><p style="font-size: small">You get this email because of your notification settings. <a href="${escapeHtml(ctx.unsubscribeUrl)}">Stop emails like this one</a>.</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: n.title, text, html };
}

/** What an account email is for, and the link that does it. */
export interface AccountEmail {
  purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD';
  recipientName: string;
  link: string;
  expiresAt: Date;
}

const ACCOUNT_TEXT = {
  VERIFY_EMAIL: { subject: 'Confirm your email address', lead: 'Welcome to Service Exchange! Confirm this is your address:', action: 'Confirm my address' },
  RESET_PASSWORD: { subject: 'Reset your password', lead: 'Someone (hopefully you) asked to reset your password. Choose a new one here:', action: 'Choose a new password' },
} as const;

/** The verification and reset emails: one link, when it expires, and what to do if it was not you. */
export function renderAccountEmail(mail: AccountEmail): RenderedEmail {
  const words = ACCOUNT_TEXT[mail.purpose];
  const until = `${mail.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const ignore = 'If you did not ask for this, ignore this email: nothing changes.';
  const text = [`Hello ${mail.recipientName},`, '', words.lead, mail.link, '', `The link works once, until ${until}.`, ignore].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>Hello ${escapeHtml(mail.recipientName)},</p>`,
    `<p>${escapeHtml(words.lead)}</p>`,
    `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(words.action)}</a></p>`,
    `<p>The link works once, until ${escapeHtml(until)}. ${escapeHtml(ignore)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: words.subject, text, html };
}
