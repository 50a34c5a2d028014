import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '@sx/stack';
import { signAccessToken } from '@sx/runtime';
import { errorCode, gatewayProcessUrl, gql, launchGatewayProcess, signUpUser, stackInfo, type TestUser } from '@sx/testkit';

// Gateway processes whose clocks run 3 s ahead, 20 s ahead and 20 s behind the subgraphs
// (CLOCK_OFFSET_MS), in front of the test stack: the tolerances of docs/security.md, "Clock skew".
// Access tokens are judged by the gateway's clock; identity signatures by the subgraph's, within
// IDENTITY_MAX_SKEW_MS (5 s, the most it may be: the signature is bound to one request); beyond
// it the subgraph refuses the request.

const ME = `query { me { id } }`;
let near: RunningStack;
let ahead: RunningStack;
let behind: RunningStack;
let user: TestUser;

beforeAll(async () => {
  [near, ahead, behind, user] = await Promise.all([
    launchGatewayProcess({ CLOCK_OFFSET_MS: '3000' }),
    launchGatewayProcess({ CLOCK_OFFSET_MS: '20000' }),
    launchGatewayProcess({ CLOCK_OFFSET_MS: '-20000' }),
    signUpUser(),
  ]);
}, 240_000);
afterAll(async () => {
  await Promise.all([near?.stop(), ahead?.stop(), behind?.stop()]);
});

const me = (gateway: RunningStack | null, token: string) =>
  gql<{ me: { id: string } | null }>(ME, {}, { ...(gateway ? { url: gatewayProcessUrl(gateway) } : {}), token });

describe('gateway and subgraph clocks apart', () => {
  it('3 s apart: a signed-in caller is served (the signature is inside the 5 s window)', async () => {
    expect((await me(near, user.accessToken)).data?.me?.id).toBe(user.id);
  });

  it('20 s apart either way: the request is refused, never served with a stale identity', async () => {
    for (const gateway of [ahead, behind]) {
      const res = await me(gateway, user.accessToken);
      expect(res.data?.me ?? null).toBeNull();
      expect(res.errors?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('judge expiry by the gateway clock: a token with 10 s left is expired for a gateway 20 s ahead', async () => {
    const shortLived = await signAccessToken({ userId: user.id, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret, 10);
    expect((await me(null, shortLived)).data?.me?.id).toBe(user.id);
    const refused = await me(ahead, shortLived);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
  });
});
