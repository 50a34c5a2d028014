import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accessTokenSecrets, signAccessToken, verifyAccessToken } from './access-token.js';

const secret = () => randomBytes(48).toString('base64url');

describe('access tokens across a key rotation', () => {
  it('accepts a token of the previous key while JWT_SECRET_PREVIOUS is set, and not after', async () => {
    const [old, current] = [secret(), secret()];
    const token = await signAccessToken({ userId: 'u-1', roles: ['POSTER'] }, old);
    const during = accessTokenSecrets({ JWT_SECRET: current, JWT_SECRET_PREVIOUS: old });
    expect(await verifyAccessToken(token, during)).toEqual({ ok: true, claims: { userId: 'u-1', roles: ['POSTER'] } });
    expect(await verifyAccessToken(token, accessTokenSecrets({ JWT_SECRET: current }))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('says expired, not invalid, for an expired token of either key', async () => {
    const [old, current] = [secret(), secret()];
    const expired = await signAccessToken({ userId: 'u-1', roles: ['POSTER'] }, old, -10);
    expect(await verifyAccessToken(expired, [current, old])).toEqual({ ok: false, reason: 'expired' });
  });
});
