import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reviewLeft } from '@sx/events';
import { depositTo, eventEnvelope, eventually, gql, isNotificationMail, mailsTo, postTaskAs, refuseMailTo, sendMoneyAs, signUpUser, waitForMails, type TestUser } from '@sx/testkit';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';

// Email through a real SMTP server (the test stack's mail catcher, smtp-server + mailparser):
// notifications queues an email beside the in-app notification and its sender delivers it,
// retrying temporary refusals and recording permanent ones.

const db = useStackDb();
const events = useEventPublisher();

interface OutboxState {
  status: string;
  attempts: number;
  last_error: string | null;
}

async function emailRows(recipientId: string): Promise<OutboxState[]> {
  const res = await db.execute(sql`SELECT status, attempts, last_error FROM notifications.email_outbox WHERE recipient_id = ${recipientId} AND kind NOT IN ('VERIFY_EMAIL', 'RESET_PASSWORD') ORDER BY created_at`);
  return res.rows as unknown as OutboxState[];
}

/** The email rows once none is pending any more. */
function sentRows(recipientId: string): Promise<OutboxState[]> {
  return eventually(() => emailRows(recipientId), (rows) => rows.length > 0 && rows.every((r) => r.status !== 'PENDING'), { what: 'the emails recorded' });
}

/** notifications learns addresses from users' sign-up events; wait until it knows this one. */
async function addressKnown(user: TestUser): Promise<void> {
  await eventually(
    async () => (await db.execute(sql`SELECT email FROM notifications.recipients WHERE user_id = ${user.id}`)).rows,
    (rows) => rows.length === 1,
    { what: `the address of ${user.email}` },
  );
}

/** A user whose verification email has arrived: a fault planted now meets only the mail under test. */
async function verifiedUser(): Promise<TestUser> {
  const user = await signUpUser();
  await waitForMails(user.email, 1, (m) => !isNotificationMail(m));
  return user;
}

async function moneyFor(recipient: TestUser, amount = 150): Promise<void> {
  const sender = await signUpUser();
  await depositTo(sender, 10_000);
  await addressKnown(recipient);
  await sendMoneyAs(sender, recipient, amount);
}

describe('notification emails', () => {
  it('emails the poster of a bid: text and HTML parts, the bid message escaped in HTML, an unsubscribe link', async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'], name: 'Pia Poster' }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster, { title: 'Fix the sink' });
    await addressKnown(poster);
    const message = '<img src=x onerror=alert(1)> & "now"';
    await eventually(
      () => gql(`mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, { input: { taskId, amount: { amount: 7_000, currency: 'USD' }, message } }, { token: tasker.accessToken }),
      (r) => !r.errors,
      { what: 'the bid to be placed' },
    );
    const [mail] = await waitForMails(poster.email, 1, isNotificationMail);
    expect(mail?.subject).toBe('New bid on your task');
    expect(mail?.headers.from).toContain('no-reply@service-exchange.local');
    expect(mail?.text).toContain('Hello Pia Poster,');
    expect(mail?.text).toContain(`A tasker offered to do it for 70.00 USD. “${message}”`);
    expect(mail?.text).toContain(`/tasks/${taskId}`);
    expect(mail?.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;now&quot;');
    expect(mail?.html).not.toContain('<img');
    expect(mail?.html).toMatch(/<a href="http[^"]+\/unsubscribe\?token=[^"]+">Stop emails like this one<\/a>/);
    expect(mail?.headers['list-unsubscribe']).toMatch(/\/unsubscribe\?token=/);
    // The SMTP server has the mail a moment before the sender records it sent.
    expect(await sentRows(poster.id)).toEqual([{ status: 'SENT', attempts: 1, last_error: null }]);
  });

  it('sends one email per event and recipient, however often the event is delivered', async () => {
    const [author, subject] = await Promise.all([signUpUser(), signUpUser()]);
    await addressKnown(subject);
    const taskId = crypto.randomUUID();
    const twice = eventEnvelope(reviewLeft, { reviewId: crypto.randomUUID(), taskId, authorId: author.id, subjectId: subject.id, rating: 3 });
    await events.send(twice, { msgID: null });
    await events.send(twice, { msgID: null });
    await events.publish(reviewLeft, { reviewId: crypto.randomUUID(), taskId, authorId: author.id, subjectId: subject.id, rating: 5 });
    const mails = await waitForMails(subject.email, 2, isNotificationMail);
    // One per event: three deliveries of two events make two mails (blind reviews: no rating in them).
    expect(mails.map((m) => m.text.includes('reviewed you') && !/out of 5/.test(m.text))).toEqual([true, true]);
    // The later event was sent, so the repeat had its chance: still one email for the first event.
    await eventually(() => emailRows(subject.id), (rows) => rows.every((r) => r.status === 'SENT'), { what: 'both emails sent' });
    expect(await emailRows(subject.id)).toHaveLength(2);
    expect((await mailsTo(subject.email)).filter(isNotificationMail)).toHaveLength(2);
  });

  it('retries a temporary refusal with backoff and then delivers', async () => {
    const recipient = await verifiedUser();
    await refuseMailTo(recipient.email, 451, 2);
    await moneyFor(recipient, 275);
    const [mail] = await waitForMails(recipient.email, 1, isNotificationMail);
    expect(mail?.text).toContain('2.75 USD arrived in your wallet.');
    expect(await sentRows(recipient.id)).toEqual([{ status: 'SENT', attempts: 3, last_error: null }]);
  });

  it('records a permanent refusal as FAILED with its error, and does not try again', async () => {
    const recipient = await verifiedUser();
    await refuseMailTo(recipient.email, 550, -1);
    await moneyFor(recipient);
    const [failed] = await eventually(() => emailRows(recipient.id), (rows) => rows[0]?.status === 'FAILED', { what: 'the email recorded as failed' });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed?.last_error).toContain('550');
    expect((await mailsTo(recipient.email)).filter(isNotificationMail)).toEqual([]);
  });

  it('gives up after the last attempt when the refusal stays temporary', async () => {
    const recipient = await verifiedUser();
    await refuseMailTo(recipient.email, 451, -1);
    await moneyFor(recipient);
    const [failed] = await eventually(() => emailRows(recipient.id), (rows) => rows[0]?.status === 'FAILED', { what: 'the email recorded as failed', timeoutMs: 30_000 });
    // EMAIL_MAX_ATTEMPTS is 4 in the test stack.
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 4 });
    expect(failed?.last_error).toContain('451');
  });
});
