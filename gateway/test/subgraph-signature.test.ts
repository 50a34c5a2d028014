import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveIdentityKey, signSubgraphRequest, type SignedRequest } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { errorCode, gql, signedAsGateway, signUpUser, stackInfo, subgraphGql } from '@sx/testkit';

const ME = '{ me { id } }';

function subgraphUrl(name: string): string {
  return `${stackInfo().services[name]}/graphql`;
}

/** POSTs `body` with exactly these headers (a replay sends captured headers as they were). */
async function postRaw(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** Headers as the gateway would sign them for `subgraph`, with the run's master secret. */
function signFor(subgraph: string, identity: Identity, body: string, at = Date.now()): Record<string, string> {
  const request: SignedRequest = { subgraph, method: 'POST', body, requestId: randomUUID() };
  return signSubgraphRequest(identity, deriveIdentityKey(stackInfo().secrets.identitySecret, subgraph), request, at);
}

describe('subgraphs only answer what the gateway signed', () => {
  it('answers me through the gateway, and the same query signed like the gateway directly', async () => {
    const user = await signUpUser();
    const viaGateway = await gql<{ me: { id: string } }>(ME, {}, { token: user.accessToken });
    expect(viaGateway.errors).toBeUndefined();
    expect(viaGateway.data?.me.id).toBe(user.id);

    const direct = await subgraphGql<{ me: { id: string } }>('users', ME, {}, { userId: user.id, roles: ['POSTER', 'TASKER'] });
    expect(direct.errors).toBeUndefined();
    expect(direct.data?.me.id).toBe(user.id);
  });

  it('refuses a direct call to a subgraph without a signature', async () => {
    const res = await gql(ME, {}, { url: subgraphUrl('users') });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('through the gateway');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses a direct call whose identity is signed with a forged secret', async () => {
    const user = await signUpUser();
    const body = JSON.stringify({ query: ME });
    const forged = signSubgraphRequest({ userId: user.id, roles: ['ADMIN'], ip: null }, 'not-the-secret-but-just-as-long-0123456789', { subgraph: 'users', method: 'POST', body, requestId: randomUUID() });
    const res = await postRaw(subgraphUrl('users'), body, forged);
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.json.data ?? null).toBeNull();
  });

  it('refuses a correctly signed request six seconds old or six seconds ahead (the window is 5 s each way)', async () => {
    const user = await signUpUser();
    const body = JSON.stringify({ query: ME });
    for (const at of [Date.now() - 6_000, Date.now() + 6_000]) {
      const res = await postRaw(subgraphUrl('users'), body, signFor('users', { userId: user.id, roles: ['POSTER'], ip: null }, body, at));
      expect(res.status).toBe(401);
      expect(res.json.errors?.[0]?.message).toContain('expired');
    }
  });

  it('refuses a signature copied onto a different identity', async () => {
    const [victim, attacker] = [await signUpUser(), await signUpUser()];
    const body = JSON.stringify({ query: ME });
    const genuine = signFor('users', { userId: attacker.id, roles: ['POSTER'], ip: null }, body);
    const swapped = signFor('users', { userId: victim.id, roles: ['POSTER'], ip: null }, body);
    const res = await postRaw(subgraphUrl('users'), body, { 'x-sx-identity': swapped['x-sx-identity'] ?? '', 'x-sx-signature': genuine['x-sx-signature'] ?? '' });
    expect(res.status).toBe(401);
  });
});

describe('a captured header pair is good for its one request only (F3)', () => {
  const WALLET = '{ me { wallet { balance { amount } } } }';

  it('refuses a header pair captured on a users request when replayed to wallet with a deposit', async () => {
    const user = await signUpUser();
    const usersBody = JSON.stringify({ query: ME });
    const captured = signedAsGateway('users', { userId: user.id, roles: ['POSTER', 'TASKER'] })(usersBody);
    const genuine = await postRaw(subgraphUrl('users'), usersBody, captured);
    expect(genuine.status).toBe(200);

    const deposit = JSON.stringify({ query: `mutation { deposit(input: { amount: { amount: 100000, currency: "USD" }, idempotencyKey: "${randomUUID()}" }) { transaction { id } } }` });
    const toWallet = await postRaw(subgraphUrl('wallet'), deposit, captured);
    expect(toWallet.status).toBe(401);
    expect(toWallet.json.errors?.[0]?.message).toContain('bad identity signature');
    // Nothing moved: the wallet, asked through the gateway, still holds nothing.
    const wallet = await gql<{ me: { wallet: { balance: { amount: number } } | null } }>(WALLET, {}, { token: user.accessToken });
    expect(wallet.errors).toBeUndefined();
    expect(wallet.data?.me.wallet?.balance.amount).toBe(0);
  });

  it('refuses the header pair of one body on another body, and the same request twice', async () => {
    const user = await signUpUser();
    const body = JSON.stringify({ query: ME });
    const captured = signedAsGateway('users', { userId: user.id, roles: ['POSTER'] })(body);
    const otherBody = JSON.stringify({ query: '{ me { id email } }' });
    const altered = await postRaw(subgraphUrl('users'), otherBody, captured);
    expect(altered.status).toBe(401);
    expect(altered.json.errors?.[0]?.message).toContain('another body');

    expect((await postRaw(subgraphUrl('users'), body, captured)).status).toBe(200);
    const again = await postRaw(subgraphUrl('users'), body, captured);
    expect(again.status).toBe(401);
    expect(again.json.errors?.[0]?.message).toContain('replayed');
  });

  it("refuses a request signed with another subgraph's own key, even naming the target", async () => {
    const user = await signUpUser();
    const body = JSON.stringify({ query: '{ __typename }' });
    const usersKey = deriveIdentityKey(stackInfo().secrets.identitySecret, 'users');
    const headers = signSubgraphRequest({ userId: user.id, roles: ['POSTER'], ip: null }, usersKey, { subgraph: 'wallet', method: 'POST', body, requestId: randomUUID() });
    const res = await postRaw(subgraphUrl('wallet'), body, headers);
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0]?.message).toContain('bad identity signature');
  });
});
