import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useStackDb } from '@sx/testkit/hooks';
import { errorCode, gql, gqlOk, mailsTo, signUpUser, waitForMails, type CaughtMail } from '@sx/testkit';

// Account emails through the gateway: users issues single-use tokens (stored hashed) and asks by
// an event; notifications mails the link over SMTP (the test stack's real SMTP server).

const tokenIn = (mail: CaughtMail | undefined, route: string) => decodeURIComponent(new RegExp(`#/${route}\\?token=([^\\s"<]+)`).exec(mail?.text ?? '')?.[1] ?? '');
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) }`;
const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken } }`;
const isReset = (m: CaughtMail) => m.subject === 'Reset your password';
const db = useStackDb();

describe('account emails', () => {
  it('mails a verification link at sign-up that verifies once', async () => {
    const user = await signUpUser({ name: 'Vera <Verify>' });
    const [mail] = await waitForMails(user.email, 1, (m) => m.subject === 'Confirm your email address');
    expect(mail?.text).toContain('Hello Vera <Verify>,');
    expect(mail?.html).toContain('Hello Vera &lt;Verify&gt;,');
    expect(mail?.headers['list-unsubscribe']).toBeUndefined();
    const token = tokenIn(mail, 'verify-email');
    expect(token.length).toBeGreaterThan(30);

    expect((await gqlOk<{ verifyEmail: boolean }>(VERIFY, { token })).verifyEmail).toBe(true);
    const again = await gql(VERIFY, { token });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.extensions?.reason).toBe('INVALID_ACCOUNT_TOKEN');
    expect(errorCode(await gql(VERIFY, { token: `${token.slice(0, -2)}xx` }))).toBe('BAD_USER_INPUT');
  });

  it('answers a reset request the same whether the address has an account, and mails only an account', async () => {
    const user = await signUpUser();
    const unknown = `nobody.${Date.now()}@example.test`;
    const forUnknown = await gql<{ requestPasswordReset: boolean }>(REQUEST, { email: unknown });
    const forUser = await gql<{ requestPasswordReset: boolean }>(REQUEST, { email: user.email.toUpperCase() });
    expect(forUnknown).toEqual(forUser);
    expect(forUser.data?.requestPasswordReset).toBe(true);
    await waitForMails(user.email, 1, isReset);
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('resets the password once with the mailed token and ends every session', async () => {
    const user = await signUpUser();
    await gqlOk(REQUEST, { email: user.email });
    const token = tokenIn((await waitForMails(user.email, 1, isReset))[0], 'reset-password');

    const weak = await gql(RESET, { input: { token, newPassword: 'short' } });
    expect(weak.errors?.[0]?.extensions?.reason).toBe('WEAK_PASSWORD');
    const newPassword = 'a brand new passphrase';
    expect((await gqlOk<{ resetPassword: boolean }>(RESET, { input: { token, newPassword } })).resetPassword).toBe(true);
    expect((await gql(RESET, { input: { token, newPassword: 'yet another passphrase' } })).errors?.[0]?.extensions?.reason).toBe('INVALID_ACCOUNT_TOKEN');

    // The session from before the reset is over; the old password no longer works, the new one does.
    expect(errorCode(await gql(REFRESH, { token: user.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(SIGN_IN, { email: user.email, password: user.password }))).toBe('UNAUTHENTICATED');
    expect((await gqlOk<{ signIn: { accessToken: string } }>(SIGN_IN, { email: user.email, password: newPassword })).signIn.accessToken).toBeTruthy();
  });

  it('mails at most three reset links per account per hour, answering every request the same', async () => {
    const user = await signUpUser();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await gql(REQUEST, { email: user.email }));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await waitForMails(user.email, 3, isReset);
    // The limit is decided when the request is answered: only three tokens were ever issued.
    const issued = await db.execute(sql`SELECT count(*)::int AS n FROM users.account_tokens WHERE user_id = ${user.id} AND purpose = 'RESET_PASSWORD'`);
    expect(issued.rows[0]?.n).toBe(3);
    expect((await mailsTo(user.email)).filter(isReset)).toHaveLength(3);
  });

  it('mails three reset links, not more, when ten requests for one account arrive at once', async () => {
    const user = await signUpUser();
    const answers = await Promise.all(Array.from({ length: 10 }, () => gql(REQUEST, { email: user.email })));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.data?.requestPasswordReset).toBe(true);
    // Every answer is in, so every token this burst will ever issue is committed.
    const issued = await db.execute(sql`SELECT count(*)::int AS n FROM users.account_tokens WHERE user_id = ${user.id} AND purpose = 'RESET_PASSWORD'`);
    expect(issued.rows[0]?.n).toBe(3);
    await waitForMails(user.email, 3, isReset);
    expect((await mailsTo(user.email)).filter(isReset)).toHaveLength(3);
  });

  it('tells the user, and only the user, whether their email is verified', async () => {
    const user = await signUpUser();
    const other = await signUpUser();
    const ME = `{ me { emailVerified } }`;
    const USER = `query($id: ID!) { user(id: $id) { email emailVerified } }`;
    expect((await gqlOk<{ me: { emailVerified: boolean | null } }>(ME, {}, { token: user.accessToken })).me.emailVerified).toBe(false);
    expect((await gqlOk<{ user: { emailVerified: boolean | null } }>(USER, { id: user.id }, { token: other.accessToken })).user.emailVerified).toBeNull();

    const [mail] = await waitForMails(user.email, 1, (m) => m.subject === 'Confirm your email address');
    await gqlOk(VERIFY, { token: tokenIn(mail, 'verify-email') });
    expect((await gqlOk<{ me: { emailVerified: boolean | null } }>(ME, {}, { token: user.accessToken })).me.emailVerified).toBe(true);
    expect((await gqlOk<{ user: { emailVerified: boolean | null } }>(USER, { id: user.id }, { token: other.accessToken })).user.emailVerified).toBeNull();
    expect((await gqlOk<{ me: { emailVerified: boolean | null } }>(ME, {}, { token: other.accessToken })).me.emailVerified).toBe(false);

    // An administrator sees the email but not whether it is verified: that is the owner's own business.
    await db.execute(sql`UPDATE users.users SET roles = ARRAY['POSTER', 'ADMIN']::text[] WHERE id = ${other.id}`);
    const admin = await gqlOk<{ signIn: { accessToken: string } }>(SIGN_IN, { email: other.email, password: other.password });
    const seen = await gqlOk<{ user: { email: string | null; emailVerified: boolean | null } }>(USER, { id: user.id }, { token: admin.signIn.accessToken });
    expect(seen.user).toEqual({ email: user.email, emailVerified: null });
  });
});
