import type { Db } from '@sx/runtime';

/** One email as the sender hands it to a transport. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per (event, recipient): a receiving server can drop a resend after a crash mid-send. */
  messageId: string;
  unsubscribeUrl: string | null;
}

/** How emails leave (SMTP in every deployment, src/mail/smtp-transport.ts). Rejects with `responseCode` on an SMTP refusal. */
export interface EmailTransport {
  send: (email: OutgoingEmail) => Promise<void>;
  close: () => Promise<void>;
}

/** What queuing an email needs: where links point and the key unsubscribe links are signed with. */
export interface EmailLinks {
  appUrl: string;
  unsubscribeKey: Buffer;
}

/**
 * What notifications' commands run on, built once at start-up (index.ts) and handed to the
 * resolvers. Event-reaction commands get the consumer's transaction instead.
 */
export interface NotificationsDeps {
  db: Db;
  /** Null when SMTP_URL is not set: nothing is queued for email. */
  emailLinks: EmailLinks | null;
  unsubscribeKey: Buffer;
}
