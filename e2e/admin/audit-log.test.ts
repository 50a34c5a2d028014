import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eventually, gql, gqlOk, postTaskAs, runAdminTool, signInAgain, sharedAdmin, signUpUser, waitForMails, type CaughtMail } from '@sx/testkit';

const db = useStackDb();

interface Entry {
  action: string;
  actor: { id: string } | null;
  targetKind: string;
  targetId: string;
  details: string | null;
  requestId: string | null;
}
const AUDIT = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { action actor { id } targetKind targetId details requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type AuditPage = { auditLog: { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const auditOf = async (adminToken: string, filter: Record<string, unknown>) =>
  (await gqlOk<AuditPage>(AUDIT, { filter, first: 50 }, { token: adminToken })).auditLog.edges.map((e) => e.node);

const tokenIn = (mail: CaughtMail | undefined, route: string) => decodeURIComponent(new RegExp(`#/${route}\\?token=([^\\s"<]+)`).exec(mail?.text ?? '')?.[1] ?? '');

describe('the audit log', { timeout: 120_000 }, () => {
  it('records sign-ins, profile changes (announced as users.user.updated) and password resets, with actor, target and request id', async () => {
    const [admin, user] = await Promise.all([sharedAdmin(), signUpUser()]);
    const signInId = `signin-${randomUUID()}`;
    await gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }', { e: user.email, p: user.password }, { headers: { 'x-request-id': signInId } });
    const profileId = `profile-${randomUUID()}`;
    await gql('mutation { updateProfile(input: { name: "Renamed", skills: ["tiling"] }) { id } }', {}, { token: user.accessToken, headers: { 'x-request-id': profileId } });
    await gqlOk('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: user.email });
    const [mail] = await waitForMails(user.email, 1, (m) => m.subject === 'Reset your password');
    await gqlOk('mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }', { input: { token: tokenIn(mail, 'reset-password'), newPassword: 'a brand new passphrase' } });

    const entries = await auditOf(admin.accessToken, { targetId: user.id });
    const own = { actor: { id: user.id }, targetKind: 'USER', targetId: user.id };
    expect(entries).toEqual([
      { action: 'PASSWORD_CHANGED', ...own, details: 'reset with a mailed link', requestId: expect.any(String) },
      { action: 'PROFILE_UPDATED', ...own, details: 'changed: name, skills', requestId: profileId },
      { action: 'SIGNED_IN', ...own, details: null, requestId: signInId },
    ]);

    const events = await db.execute<{ envelope: { data: Record<string, unknown>; actor: unknown } }>(
      sql`SELECT envelope FROM users.outbox WHERE type = 'users.user.updated' AND aggregate_id = ${user.id}`,
    );
    expect(events.rows.map((r) => r.envelope.data)).toEqual([{ userId: user.id, name: 'Renamed', bio: null, skills: ['tiling'], changed: ['name', 'skills'] }]);
  });

  it('pages newest first with a cursor, filters by action and actor, and refuses a forged cursor', async () => {
    const [admin, user] = await Promise.all([sharedAdmin(), signUpUser()]);
    for (let i = 0; i < 3; i += 1) await signInAgain(user);
    const first = await gqlOk<AuditPage>(AUDIT, { filter: { actorId: user.id, actions: ['SIGNED_IN'] }, first: 2 }, { token: admin.accessToken });
    expect(first.auditLog.edges).toHaveLength(2);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await gqlOk<AuditPage>(AUDIT, { filter: { actorId: user.id, actions: ['SIGNED_IN'] }, first: 2, after: first.auditLog.pageInfo.endCursor }, { token: admin.accessToken });
    expect(rest.auditLog.edges).toHaveLength(1);
    expect(rest.auditLog.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.auditLog.edges, ...rest.auditLog.edges].map((e) => e.cursor);
    expect(new Set(ids).size).toBe(3);
    expect(await auditOf(admin.accessToken, { actorId: user.id, actions: ['PROFILE_UPDATED'] })).toEqual([]);

    const forged = await gql(AUDIT, { first: 2, after: 'bm90IGEgY3Vyc29y' }, { token: admin.accessToken });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const user = await signUpUser();
    await signInAgain(user);
    for (const statement of [
      sql`UPDATE users.audit_log SET details = 'rewritten' WHERE target_id = ${user.id}`,
      sql`DELETE FROM users.audit_log WHERE target_id = ${user.id}`,
      sql`TRUNCATE users.audit_log`,
    ]) {
      // drizzle wraps the database's refusal; the trigger's message is its cause.
      const refusal = await db.execute(statement).then(() => null, (err: unknown) => err as Error & { cause?: Error });
      expect(refusal?.cause?.message).toMatch(/users\.audit_log is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    const kept = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users.audit_log WHERE target_id = ${user.id} AND details IS NULL`);
    expect(kept.rows[0]?.n).toBe(1);
  });
});

describe('npm run admin', { timeout: 300_000 }, () => {
  it('grants and revokes ADMIN through the users command, audited with the operator; a revocation ends the sessions', async () => {
    const [auditor, user] = await Promise.all([sharedAdmin(), signUpUser()]);
    // Each run is a process of its own (seconds on a loaded machine): independent ones run together.
    const [missing, usage] = await Promise.all([runAdminTool(['grant', `nobody-${randomUUID()}@example.test`]), runAdminTool(['promote', user.email])]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/No account has the email/);
    expect(usage.exitCode).toBe(2);

    const granted = await runAdminTool(['grant', user.email.toUpperCase()], 'grace');
    expect(granted.exitCode).toBe(0);
    expect(granted.stdout).toContain('is an administrator: granted');
    const [again, admin] = await Promise.all([runAdminTool(['grant', user.email]), signInAgain(user)]);
    expect(again.stdout).toContain('nothing to change');
    expect((await gql('{ platformStats { signUps } }', {}, { token: admin.accessToken })).errors).toBeUndefined();

    const revoked = await runAdminTool(['revoke', user.email], 'grace');
    expect(revoked.exitCode).toBe(0);
    // The token issued while an admin stops working (its session ended), so ADMIN goes at once.
    await eventually(() => gql('{ platformStats { signUps } }', {}, { token: admin.accessToken }), (r) => r.status === 401, { what: 'the revoked admin token refused' });
    const after = await signInAgain(user);
    expect((await gql('{ platformStats { signUps } }', {}, { token: after.accessToken })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const entries = await auditOf(auditor.accessToken, { targetId: user.id, actions: ['ROLE_GRANTED', 'ROLE_REVOKED'] });
    expect(entries).toEqual([
      { action: 'ROLE_REVOKED', actor: null, targetKind: 'USER', targetId: user.id, details: 'ADMIN revoked with the admin command-line tool by grace', requestId: null },
      { action: 'ROLE_GRANTED', actor: null, targetKind: 'USER', targetId: user.id, details: 'ADMIN granted with the admin command-line tool by grace', requestId: null },
    ]);
  });
});

describe('hiding a task', { timeout: 120_000 }, () => {
  it('unlists it for everyone but its poster and administrators, audits it by event, and unhiding lists it again', async () => {
    const [admin, poster, someone] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser()]);
    const word = `hideable${randomUUID().slice(0, 8)}`;
    const taskId = await postTaskAs(poster, { title: `Fix the roof ${word}` });
    const LISTED = 'query($s: String!) { tasks(first: 5, filter: { search: $s }) { edges { node { id } } } }';
    const listed = async (token?: string) => (await gqlOk<{ tasks: { edges: unknown[] } }>(LISTED, { s: word }, token ? { token } : {})).tasks.edges.length;
    expect(await listed()).toBe(1);

    const requestId = `hide-${randomUUID()}`;
    const hidden = await gql<{ hideTask: { hidden: boolean; hiddenReason: string | null; status: string } }>(
      'mutation($id: ID!) { hideTask(taskId: $id, reason: "Prohibited item") { hidden hiddenReason status } }',
      { id: taskId },
      { token: admin.accessToken, headers: { 'x-request-id': requestId } },
    );
    expect(hidden.data?.hideTask).toEqual({ hidden: true, hiddenReason: 'Prohibited item', status: 'OPEN' });
    expect(await listed()).toBe(0);
    expect(await listed(someone.accessToken)).toBe(0);
    expect(await listed(admin.accessToken)).toBe(1);
    expect(await listed(poster.accessToken)).toBe(1);
    const TASK = 'query($id: ID!) { task(id: $id) { id hidden hiddenReason } }';
    expect((await gqlOk<{ task: unknown }>(TASK, { id: taskId }, { token: someone.accessToken })).task).toBeNull();
    expect((await gqlOk<{ task: unknown }>(TASK, { id: taskId }, { token: poster.accessToken })).task).toEqual({ id: taskId, hidden: true, hiddenReason: 'Prohibited item' });

    const entries = await eventually(() => auditOf(admin.accessToken, { targetId: taskId }), (e) => e.length === 1, { what: 'the TASK_HIDDEN audit entry' });
    expect(entries).toEqual([{ action: 'TASK_HIDDEN', actor: { id: admin.id }, targetKind: 'TASK', targetId: taskId, details: 'Prohibited item', requestId }]);

    await gqlOk('mutation($id: ID!) { unhideTask(taskId: $id) { id } }', { id: taskId }, { token: admin.accessToken });
    expect(await listed()).toBe(1);
    await eventually(() => auditOf(admin.accessToken, { targetId: taskId, actions: ['TASK_UNHIDDEN'] }), (e) => e.length === 1, { what: 'the TASK_UNHIDDEN audit entry' });
  });
});

describe('reading any ledger', { timeout: 120_000 }, () => {
  it("lets an administrator read another user's wallets and transactions, read-only", async () => {
    const [admin, user] = await Promise.all([sharedAdmin(), signUpUser()]);
    await gqlOk('mutation($input: DepositInput!) { deposit(input: $input) { wallet { balance { amount } } } }', { input: { amount: { amount: 4_200, currency: 'EUR' }, idempotencyKey: randomUUID() } }, { token: user.accessToken });
    const read = await gqlOk<{ userWallets: { balance: { amount: number; currency: string }; transactions: { edges: { node: { kind: string; amount: { amount: number } } }[] } }[] }>(
      'query($id: ID!) { userWallets(userId: $id) { balance { amount currency } transactions(first: 5) { edges { node { kind amount { amount } } } } } }',
      { id: user.id },
      { token: admin.accessToken },
    );
    expect(read.userWallets).toEqual([{ balance: { amount: 4_200, currency: 'EUR' }, transactions: { edges: [{ node: { kind: 'DEPOSIT', amount: { amount: 4_200 } } }] } }]);
    expect((await gqlOk<{ userWallets: unknown[] }>('query($id: ID!) { userWallets(userId: $id) { balance { amount } } }', { id: randomUUID() }, { token: admin.accessToken })).userWallets).toEqual([]);
  });
});
