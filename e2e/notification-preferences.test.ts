import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { depositTo, errorCode, eventually, gql, gqlOk, sendMoneyAs, signUpUser, waitForMails, mailsTo, isNotificationMail, type TestUser } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';
import { feedOk } from './notifications-api.js';

// Preferences per kind and channel, with defaults, and the unsubscribe link every email carries,
// which works without signing in.

const db = useStackDb();
const as = (user: TestUser) => ({ token: user.accessToken });

interface Preference {
  kind: string;
  channel: string;
  enabled: boolean;
}
const PREFS = `{ notificationPreferences { kind channel enabled } }`;
const UPDATE = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { kind channel enabled } }`;
const UNSUBSCRIBE = `mutation($token: String!) { unsubscribeFromEmails(token: $token) { kind } }`;

const enabled = (prefs: Preference[], kind: string, channel: string) => prefs.find((p) => p.kind === kind && p.channel === channel)?.enabled;

async function addressKnown(user: TestUser): Promise<void> {
  await eventually(async () => (await db.execute(sql`SELECT 1 FROM notifications.recipients WHERE user_id = ${user.id}`)).rows.length, (n) => n === 1, {
    what: `the address of ${user.email}`,
  });
}

/** A sender with money, and recipients notifications can email. */
async function senderAnd(...recipients: TestUser[]): Promise<TestUser> {
  const sender = await signUpUser();
  await depositTo(sender, 10_000);
  for (const r of recipients) await addressKnown(r);
  return sender;
}

describe('notification preferences', () => {
  it('answers every kind on both channels with the defaults, and stores changes', async () => {
    const user = await signUpUser();
    const { notificationPreferences: defaults } = await gqlOk<{ notificationPreferences: Preference[] }>(PREFS, {}, as(user));
    // 14 kinds × 2 channels.
    expect(defaults).toHaveLength(40);
    expect(defaults.filter((p) => p.channel === 'IN_APP').every((p) => p.enabled)).toBe(true);
    expect(enabled(defaults, 'BID_RECEIVED', 'EMAIL')).toBe(true);
    expect(enabled(defaults, 'BID_REJECTED', 'EMAIL')).toBe(false);

    const input = { preferences: [{ kind: 'BID_REJECTED', channel: 'EMAIL', enabled: true }, { kind: 'REVIEW_RECEIVED', channel: 'IN_APP', enabled: false }] };
    const { updateNotificationPreferences: after } = await gqlOk<{ updateNotificationPreferences: Preference[] }>(UPDATE, { input }, as(user));
    expect(enabled(after, 'BID_REJECTED', 'EMAIL')).toBe(true);
    expect(enabled(after, 'REVIEW_RECEIVED', 'IN_APP')).toBe(false);
    expect((await gqlOk<{ notificationPreferences: Preference[] }>(PREFS, {}, as(user))).notificationPreferences).toEqual(after);

    const twice = await gql(UPDATE, { input: { preferences: [input.preferences[0], { ...input.preferences[0], enabled: false }] } }, as(user));
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(PREFS))).toBe('UNAUTHENTICATED');
  });

  it('keeps a kind out of the feed or out of email as chosen', async () => {
    const [quiet, other] = await Promise.all([signUpUser(), signUpUser()]);
    const sender = await senderAnd(quiet, other);
    await gqlOk(UPDATE, { input: { preferences: [{ kind: 'MONEY_RECEIVED', channel: 'IN_APP', enabled: false }] } }, as(quiet));
    await sendMoneyAs(sender, quiet, 100);
    // Email still on: it arrives, while the feed stays empty.
    await waitForMails(quiet.email, 1, isNotificationMail);
    expect((await feedOk(quiet)).notifications.edges).toEqual([]);

    await gqlOk(UPDATE, { input: { preferences: [{ kind: 'MONEY_RECEIVED', channel: 'EMAIL', enabled: false }] } }, as(quiet));
    await sendMoneyAs(sender, quiet, 200);
    // Wallet's events of one sender are handled in order: once the next send's email is out, the one before was handled.
    await sendMoneyAs(sender, other, 300);
    await waitForMails(other.email, 1, isNotificationMail);
    expect((await mailsTo(quiet.email)).filter(isNotificationMail)).toHaveLength(1);
  });

  it('unsubscribes by the link in an email without signing in, for that user and kind only', async () => {
    const [reader, other] = await Promise.all([signUpUser(), signUpUser()]);
    const sender = await senderAnd(reader, other);
    await sendMoneyAs(sender, reader, 100);
    const [mail] = await waitForMails(reader.email, 1, isNotificationMail);
    const link = /<([^>]+)>/.exec(mail?.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    const token = decodeURIComponent(/[?&]token=([^&]+)/.exec(link)?.[1] ?? '');
    expect(mail?.text).toContain(link);

    const forged = await gql(UNSUBSCRIBE, { token: `${token.split('.')[0]}.AAAA` });
    expect(forged.errors?.[0]?.extensions?.reason).toBe('INVALID_UNSUBSCRIBE_TOKEN');
    expect(errorCode(await gql(UNSUBSCRIBE, { token: 'nonsense' }))).toBe('BAD_USER_INPUT');

    expect((await gqlOk<{ unsubscribeFromEmails: { kind: string } }>(UNSUBSCRIBE, { token })).unsubscribeFromEmails).toEqual({ kind: 'MONEY_RECEIVED' });
    const prefs = (await gqlOk<{ notificationPreferences: Preference[] }>(PREFS, {}, as(reader))).notificationPreferences;
    expect(enabled(prefs, 'MONEY_RECEIVED', 'EMAIL')).toBe(false);
    expect(enabled(prefs, 'MONEY_RECEIVED', 'IN_APP')).toBe(true);
    expect(enabled(prefs, 'BID_RECEIVED', 'EMAIL')).toBe(true);

    await sendMoneyAs(sender, reader, 200);
    await sendMoneyAs(sender, other, 300);
    await waitForMails(other.email, 1, isNotificationMail);
    expect((await mailsTo(reader.email)).filter(isNotificationMail)).toHaveLength(1);
    // The feed still has both.
    await eventually(() => feedOk(reader), (f) => f.notifications.edges.length === 2, { what: 'both notifications in the feed' });
  });
});
