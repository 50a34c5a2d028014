import nodemailer from 'nodemailer';
import type { EmailTransport, OutgoingEmail } from '../deps.js';

/** The real transport: nodemailer over SMTP (SMTP_URL). A pooled connection is reused across sends. */
export function smtpTransport(smtpUrl: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport(smtpUrl.includes('?') ? `${smtpUrl}&pool=true` : `${smtpUrl}?pool=true`);
  return {
    send: async (email: OutgoingEmail) => {
      await transporter.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.unsubscribeUrl ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      });
    },
    close: async () => transporter.close(),
  };
}
