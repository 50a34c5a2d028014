import { describe, expect, it } from 'vitest';
import type { Identity } from '@sx/core';
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, verifyIdentity } from './identity-signature.js';

const SECRET = 'a'.repeat(40);
const alice: Identity = { userId: 'u-1', roles: ['POSTER'], ip: '10.0.0.1' };

describe('signed identity headers', () => {
  it('round-trips an identity signed with the shared secret', () => {
    const headers = signIdentity(alice, SECRET, 1_000);
    expect(verifyIdentity(headers, SECRET, 30_000, 2_000)).toEqual({ ok: true, identity: alice });
  });

  it('refuses a signature made with another secret', () => {
    const headers = signIdentity(alice, 'b'.repeat(40), 1_000);
    expect(verifyIdentity(headers, SECRET, 30_000, 1_000)).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses an identity altered after signing', () => {
    const headers = signIdentity(alice, SECRET, 1_000);
    const forged = Buffer.from(JSON.stringify({ sub: 'u-2', roles: ['ADMIN'], ip: null, ts: 1_000 })).toString('base64url');
    expect(verifyIdentity({ ...headers, [IDENTITY_HEADER]: forged }, SECRET, 30_000, 1_000).ok).toBe(false);
  });

  it('refuses a signature older than the allowed skew', () => {
    const headers = signIdentity(alice, SECRET, 1_000);
    expect(verifyIdentity(headers, SECRET, 30_000, 31_001)).toEqual({ ok: false, reason: 'identity signature expired' });
  });

  it('refuses a request without the headers', () => {
    expect(verifyIdentity({}, SECRET, 30_000).ok).toBe(false);
    expect(verifyIdentity({ [SIGNATURE_HEADER]: 'x' }, SECRET, 30_000).ok).toBe(false);
  });
});
