import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveIdentityKey, signAccessToken, signSubgraphRequest } from '@sx/runtime';
import { errorCode, eventually, gql, gqlOk, liveConnection, signUpUser, stackInfo, subgraphGql } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import { FORMER_DEFAULT_SECRETS, secretLikeStringsInRepository } from './repository-secrets.js';

/** Runs `task` over `items`, `width` at a time (hundreds of requests, without a burst). */
async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(task))));
  return results;
}

const ADMIN_READ = 'query($id: ID!) { user(id: $id) { id email } }';

describe('no secret in the repository opens the stack (F1, F2)', () => {
  const candidates = secretLikeStringsInRepository();

  it('finds the former development secrets and the rest of the secret-like strings to try', () => {
    for (const former of FORMER_DEFAULT_SECRETS) expect(candidates).toContain(former);
    expect(candidates.length).toBeGreaterThan(50);
    // The run's own secrets are made at start and are in no file.
    const { identitySecret, jwtSecret, metricsToken } = stackInfo().secrets;
    expect(candidates).not.toContain(identitySecret);
    expect(candidates).not.toContain(jwtSecret);
    expect(candidates).not.toContain(metricsToken);
  });

  it('refuses an ADMIN access token signed with any of them at the gateway (F2)', async () => {
    const victim = await signUpUser();
    const statuses = await inBatches(candidates, 8, async (secret) => {
      const token = await signAccessToken({ userId: victim.id, roles: ['ADMIN'] }, secret);
      const res = await gql<{ user: { email: string | null } | null }>(ADMIN_READ, { id: victim.id }, { token });
      return { secret, status: res.status, code: errorCode(res), email: res.data?.user?.email ?? null };
    });
    expect(statuses.filter((s) => s.status !== 401 || s.code !== 'UNAUTHENTICATED' || s.email !== null)).toEqual([]);
    // The harness itself works: the run's real key does open it.
    const genuine = await signAccessToken({ userId: victim.id, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret);
    expect((await gql(ADMIN_READ, { id: victim.id }, { token: genuine })).status).toBe(200);
  });

  it('refuses a wallet request whose identity is signed with any of them, as master or as key (F1)', async () => {
    const victim = await signUpUser();
    const wallet = `${stackInfo().services.wallet}/graphql`;
    const body = JSON.stringify({ query: '{ __typename }' });
    const identity = { userId: victim.id, roles: ['ADMIN' as const], ip: null };
    const post = (key: string) =>
      fetch(wallet, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signSubgraphRequest(identity, key, { subgraph: 'wallet', method: 'POST', body, requestId: randomUUID() }) },
        body,
      }).then((res) => res.status);
    const accepted = (
      await inBatches(candidates, 8, async (secret) => ({ secret, statuses: [await post(secret), await post(deriveIdentityKey(secret, 'wallet'))] }))
    ).filter((r) => r.statuses.some((status) => status !== 401));
    expect(accepted).toEqual([]);
    expect(await post(deriveIdentityKey(stackInfo().secrets.identitySecret, 'wallet'))).toBe(200);
  });
});

describe('only known users act (F4)', () => {
  it('refuses a genuine token for a user who does not exist, over HTTP and WebSocket, and nothing is written', async () => {
    const ghost = randomUUID();
    const token = await signAccessToken({ userId: ghost, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret);
    const post = await gql('mutation { postTask(input: { title: "Ghost task", category: HANDYMAN, budget: { amount: 1000, currency: "USD" } }) { id } }', {}, { token });
    expect(post.status).toBe(401);
    expect(post.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_UNAVAILABLE' });
    const mine = await gql<{ tasks: { edges: unknown[] } }>('query($id: ID!) { tasks(first: 5, filter: { posterId: $id }) { edges { cursor } } }', { id: ghost });
    expect(mine.data?.tasks.edges).toEqual([]);

    const socket = liveConnection(stackInfo().gatewayUrl, { token });
    expect((await socket.closed).code).toBe(4401);
  });

  it('keeps a public list whole when one poster is missing: only that poster is null', async () => {
    // A task whose poster has no account: signed straight to tasks, as no token can do any more.
    const ghost = randomUUID();
    const title = `Orphaned ${randomUUID().slice(0, 8)}`;
    const made = await subgraphGql<{ postTask: { id: string } }>(
      'tasks',
      'mutation($input: PostTaskInput!) { postTask(input: $input) { id } }',
      { input: { title, category: 'HANDYMAN', budget: { amount: 1500, currency: 'USD' } } },
      { userId: ghost, roles: ['POSTER'] },
    );
    expect(made.errors).toBeUndefined();
    const real = await signUpUser();
    const own = await gql<{ postTask: { id: string } }>('mutation { postTask(input: { title: "Real poster", category: HANDYMAN, budget: { amount: 900, currency: "USD" } }) { id } }', {}, { token: real.accessToken });
    expect(own.errors).toBeUndefined();

    const listing = await gql<{ tasks: { edges: { node: { id: string; poster: { name: string } | null } }[] } }>('{ tasks(first: 100) { edges { node { id poster { name } } } } }');
    expect(listing.data).not.toBeNull();
    const byId = new Map(listing.data?.tasks.edges.map((e) => [e.node.id, e.node.poster]));
    expect(byId.get(made.data?.postTask.id ?? '')).toBeNull();
    expect(byId.get(own.data?.postTask.id ?? '')).toEqual({ name: real.name });
  });
});

describe('a signed-out session acts no more', () => {
  it("refuses the session's access token until it expires, on every gateway, while the user's other sessions go on", async () => {
    const user = await signUpUser();
    const other = await gqlOk<{ signIn: { accessToken: string } }>('mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }', {
      email: user.email,
      password: user.password,
    });
    expect((await gql('{ me { id } }', {}, { token: user.accessToken })).status).toBe(200);
    await gqlOk('mutation($refreshToken: String!) { signOut(refreshToken: $refreshToken) }', { refreshToken: user.refreshToken });

    const refused = await eventually(() => gql('{ me { id } }', {}, { token: user.accessToken }), (res) => res.status === 401, { what: 'the ended session to be refused' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect((await gql<{ me: { id: string } }>('{ me { id } }', {}, { token: other.signIn.accessToken })).data?.me.id).toBe(user.id);

    // A gateway started after the sign-out knows it too (the ended sessions are in Redis).
    const later = await startTestGateway();
    try {
      expect((await gql('{ me { id } }', {}, { url: later.url, token: user.accessToken })).status).toBe(401);
      const socket = liveConnection(later.url, { token: user.accessToken });
      expect((await socket.closed).code).toBe(4401);
    } finally {
      await later.stop();
    }
  });
});
