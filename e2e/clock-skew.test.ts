import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '@sx/stack';
import { DEV_JWT_SECRET, signAccessToken } from '@sx/runtime';
import { errorCode, gatewayProcessUrl, gql, launchGatewayProcess, signUpUser, type TestUser } from '@sx/testkit';

// Gateway processes whose clocks run 20 s ahead, 20 s behind and 40 s ahead of the subgraphs
// (CLOCK_OFFSET_MS), in front of the test stack: the tolerances of docs/security.md, "Clock skew".
// Access tokens are judged by the gateway's clock; identity signatures by the subgraph's, within
// IDENTITY_MAX_SKEW_MS (30 s here, the default); beyond it the subgraph refuses the request.

const ME = `query { me { id } }`;
let ahead: RunningStack;
let behind: RunningStack;
let farAhead: RunningStack;
let user: TestUser;

beforeAll(async () => {
  [ahead, behind, farAhead, user] = await Promise.all([
    launchGatewayProcess({ CLOCK_OFFSET_MS: '20000', IDENTITY_MAX_SKEW_MS: '30000' }),
    launchGatewayProcess({ CLOCK_OFFSET_MS: '-20000', IDENTITY_MAX_SKEW_MS: '30000' }),
    launchGatewayProcess({ CLOCK_OFFSET_MS: '40000', IDENTITY_MAX_SKEW_MS: '30000' }),
    signUpUser(),
  ]);
}, 240_000);
afterAll(async () => {
  await Promise.all([ahead?.stop(), behind?.stop(), farAhead?.stop()]);
});

const me = (gateway: RunningStack, token: string) => gql<{ me: { id: string } | null }>(ME, {}, { url: gatewayProcessUrl(gateway), token });

describe('gateway and subgraph clocks 20 s apart', () => {
  it('serve a signed-in caller either way round: the signature is inside the window', async () => {
    expect((await me(ahead, user.accessToken)).data?.me?.id).toBe(user.id);
    // A token issued "20 s in the future" by this gateway's clock is accepted: only expiry is checked.
    expect((await me(behind, user.accessToken)).data?.me?.id).toBe(user.id);
  });

  it('judge expiry by the gateway clock: a token with 10 s left is expired for a gateway 20 s ahead', async () => {
    const shortLived = await signAccessToken({ userId: user.id, roles: ['POSTER', 'TASKER'] }, DEV_JWT_SECRET, 10);
    expect((await me(behind, shortLived)).data?.me?.id).toBe(user.id);
    const refused = await me(ahead, shortLived);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.data?.me ?? null).toBeNull();
  });

  it('refuse the request when the skew exceeds the identity window (40 s > 30 s)', async () => {
    const res = await me(farAhead, user.accessToken);
    expect(res.data?.me ?? null).toBeNull();
    // The subgraph answers 401 (identity signature expired); the gateway reports it as an
    // internal error with a trace id — a refusal, never the data of a stale identity.
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
  });
});
