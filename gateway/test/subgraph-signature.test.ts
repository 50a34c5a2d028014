import { describe, expect, it } from 'vitest';
import { DEV_IDENTITY_SECRET, signIdentity } from '@sx/runtime';
import { errorCode, gql, signUpUser, stackInfo, subgraphGql } from '@sx/testkit';

const ME = '{ me { id } }';

function usersUrl(): string {
  return `${stackInfo().services.users}/graphql`;
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
    const res = await gql(ME, {}, { url: usersUrl() });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('through the gateway');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses a direct call whose identity is signed with a forged secret', async () => {
    const user = await signUpUser();
    const forged = signIdentity({ userId: user.id, roles: ['ADMIN'], ip: null }, 'not-the-secret-but-just-as-long-0123456789');
    const res = await gql<{ me: { id: string } | null }>(ME, {}, { url: usersUrl(), headers: forged });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses a correctly signed identity that is five minutes old (replay)', async () => {
    const user = await signUpUser();
    const stale = signIdentity({ userId: user.id, roles: ['POSTER'], ip: null }, DEV_IDENTITY_SECRET, Date.now() - 5 * 60_000);
    const res = await gql(ME, {}, { url: usersUrl(), headers: stale });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('expired');
  });

  it('refuses a signature copied onto a different identity', async () => {
    const [victim, attacker] = [await signUpUser(), await signUpUser()];
    const genuine = signIdentity({ userId: attacker.id, roles: ['POSTER'], ip: null }, DEV_IDENTITY_SECRET);
    const swapped = signIdentity({ userId: victim.id, roles: ['POSTER'], ip: null }, DEV_IDENTITY_SECRET);
    const res = await gql(ME, {}, {
      url: usersUrl(),
      headers: { 'x-sx-identity': swapped['x-sx-identity'] ?? '', 'x-sx-signature': genuine['x-sx-signature'] ?? '' },
    });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
