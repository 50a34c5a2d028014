import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, liveConnection, postTaskAs, sharedAdmin, signUpUser, stackInfo, type TestUser } from '@sx/testkit';

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken refreshToken } }';
const SUSPEND = 'mutation($id: ID!, $r: String!) { suspendUser(userId: $id, reason: $r) { id suspended suspensionReason } }';
const UNSUSPEND = 'mutation($id: ID!) { unsuspendUser(userId: $id) { id suspended suspensionReason } }';
const LISTED = 'query($s: String!) { tasks(first: 5, filter: { search: $s }) { edges { node { id hidden } } } }';

const listedIds = async (search: string, token?: string) =>
  (await gqlOk<{ tasks: { edges: { node: { id: string } }[] } }>(LISTED, { s: search }, token ? { token } : {})).tasks.edges.map((e) => e.node.id);

const signIn = (user: TestUser) => gql<{ signIn: { accessToken: string } }>(SIGN_IN, { e: user.email, p: user.password });

describe('suspending a user', { timeout: 120_000 }, () => {
  it('ends their sessions and sockets, refuses their sign-in, hides their tasks; unsuspending undoes it; both are audited', async () => {
    const [admin, poster, bystander] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser()]);
    const word = `suspendable${randomUUID().slice(0, 8)}`;
    const taskId = await postTaskAs(poster, { title: `Paint the fence ${word}` });
    expect(await listedIds(word)).toEqual([taskId]);
    const socket = liveConnection(stackInfo().gatewayUrl, { token: poster.accessToken });
    socket.subscribe('subscription { paymentEvents { kind } }');

    const requestId = `req-${randomUUID()}`;
    const suspended = await gql<{ suspendUser: { id: string; suspended: boolean; suspensionReason: string } }>(
      SUSPEND,
      { id: poster.id, r: '  Posting scams  ' },
      { token: admin.accessToken, headers: { 'x-request-id': requestId } },
    );
    expect(suspended.data?.suspendUser).toEqual({ id: poster.id, suspended: true, suspensionReason: 'Posting scams' });

    // Their live socket closes, their access token stops working, their refresh token too.
    expect((await socket.closed).code).toBe(4401);
    await eventually(() => gql('{ me { id } }', {}, { token: poster.accessToken }), (r) => r.status === 401, { what: "the suspended user's token refused" });
    const refresh = await gql('mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: poster.refreshToken });
    expect(refresh.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    // Sign-in is refused with the right password (a wrong one still says only WRONG_CREDENTIALS).
    expect((await signIn(poster)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_SUSPENDED' });
    const wrong = await gql(SIGN_IN, { e: poster.email, p: 'not the password at all' });
    expect(wrong.errors?.[0]?.extensions?.reason).toBe('WRONG_CREDENTIALS');

    // Their task leaves the listings for everyone but administrators; task(id) is null for others.
    await eventually(() => listedIds(word), (ids) => ids.length === 0, { what: "the suspended poster's task unlisted" });
    expect(await listedIds(word, bystander.accessToken)).toEqual([]);
    expect(await listedIds(word, admin.accessToken)).toEqual([taskId]);
    expect((await gqlOk<{ task: unknown }>('query($id: ID!) { task(id: $id) { id } }', { id: taskId }, { token: bystander.accessToken })).task).toBeNull();
    // Nobody but an administrator learns about the suspension.
    const asBystander = await gqlOk<{ user: { suspended: boolean | null } }>('query($id: ID!) { user(id: $id) { suspended } }', { id: poster.id }, { token: bystander.accessToken });
    expect(asBystander.user.suspended).toBeNull();

    // A second suspension changes nothing (and is not audited again).
    await gqlOk(SUSPEND, { id: poster.id, r: 'again' }, { token: admin.accessToken });

    const lifted = await gqlOk<{ unsuspendUser: { suspended: boolean; suspensionReason: string | null } }>(UNSUSPEND, { id: poster.id }, { token: admin.accessToken });
    expect(lifted.unsuspendUser).toEqual({ id: poster.id, suspended: false, suspensionReason: null });
    const back = await signIn(poster);
    expect(back.errors).toBeUndefined();
    await eventually(() => listedIds(word), (ids) => ids.length === 1, { what: "the poster's task listed again" });

    const audit = await gqlOk<{ auditLog: { edges: { node: { action: string; actor: { id: string } | null; targetUser: { id: string } | null; details: string | null; requestId: string | null } }[] } }>(
      'query($id: ID!) { auditLog(first: 10, filter: { targetId: $id, actions: [USER_SUSPENDED, USER_UNSUSPENDED] }) { edges { node { action actor { id } targetUser { id } details requestId } } } }',
      { id: poster.id },
      { token: admin.accessToken },
    );
    expect(audit.auditLog.edges.map((e) => e.node)).toEqual([
      { action: 'USER_UNSUSPENDED', actor: { id: admin.id }, targetUser: { id: poster.id }, details: null, requestId: expect.any(String) },
      { action: 'USER_SUSPENDED', actor: { id: admin.id }, targetUser: { id: poster.id }, details: 'Posting scams', requestId },
    ]);
  });

  it('refuses an administrator suspending themself, an unknown user, and an empty reason, changing nothing', async () => {
    const admin = await sharedAdmin();
    const self = await gql(SUSPEND, { id: admin.id, r: 'oops' }, { token: admin.accessToken });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CANNOT_SUSPEND_SELF' });
    const nobody = await gql(SUSPEND, { id: randomUUID(), r: 'spam' }, { token: admin.accessToken });
    expect(nobody.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' });
    const target = await signUpUser();
    const blank = await gql(SUSPEND, { id: target.id, r: '   ' }, { token: admin.accessToken });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: 'reason' });
    expect((await signIn(target)).errors).toBeUndefined();
    expect((await gqlOk<{ me: { id: string } }>('{ me { id } }', {}, { token: admin.accessToken })).me.id).toBe(admin.id);
  });
});
