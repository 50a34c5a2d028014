import type { CaughtMail } from '@sx/stack';
import { eventually } from './eventually.js';
import { stackInfo } from './graphql-client.js';

export type { CaughtMail } from '@sx/stack';

/** Every email the test stack's SMTP server received for `address`, oldest first (parsed by mailparser). */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const res = await fetch(`${stackInfo().mailCatcherUrl}/messages?to=${encodeURIComponent(address)}`);
  return (await res.json()) as CaughtMail[];
}

/** Waits until `count` emails (matching `filter`, if given) have arrived for `address`. */
export function waitForMails(address: string, count: number, filter: (m: CaughtMail) => boolean = () => true, timeoutMs = 30_000): Promise<CaughtMail[]> {
  return eventually(
    async () => (await mailsTo(address)).filter(filter),
    (mails) => mails.length >= count,
    { what: `${count} emails to ${address}`, timeoutMs },
  );
}

/**
 * Makes the test SMTP server refuse RCPT TO for `address` with `code` the next `times` times
 * (-1: always): 451 is a temporary failure, 550 a permanent one.
 */
export async function refuseMailTo(address: string, code: number, times: number): Promise<void> {
  const res = await fetch(`${stackInfo().mailCatcherUrl}/faults`, { method: 'POST', body: JSON.stringify({ address, code, times }) });
  if (!res.ok) throw new Error(`the mail catcher refused the fault: ${res.status}`);
}

/** A notification email (it carries an unsubscribe link), not an account email (verification, reset). */
export const isNotificationMail = (m: CaughtMail): boolean => 'list-unsubscribe' in m.headers;
