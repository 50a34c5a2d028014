import { describe, expect, it } from 'vitest';
import type { Identity } from '@sx/core';
import { deriveIdentityKey } from './identity-keys.js';
import { bodyHash, IDENTITY_HEADER, SIGNATURE_HEADER, signSubgraphRequest, verifySubgraphRequest, type SignedRequest } from './identity-signature.js';

const MASTER = 'kq3W9vJxT2mZ8rB4nL6pD1sF7hY0cG5aE-uRtIoPwQe';
const alice: Identity = { userId: 'u-1', roles: ['POSTER'], ip: '10.0.0.1' };
const BODY = '{"query":"{ me { id } }"}';
const request: SignedRequest = { subgraph: 'wallet', method: 'POST', body: BODY, requestId: 'r-1' };
const walletKey = deriveIdentityKey(MASTER, 'wallet');
const received = { subgraph: 'wallet', method: 'POST', bodyHash: bodyHash(BODY) };

describe('signed subgraph requests', () => {
  it('round-trips an identity signed for this subgraph, method and body', () => {
    const headers = signSubgraphRequest(alice, walletKey, request, 1_000);
    expect(verifySubgraphRequest(headers, [walletKey], received, 5_000, 2_000)).toEqual({ ok: true, identity: alice, requestId: 'r-1' });
  });

  it('derives a different key for every subgraph, so one subgraph key signs for no other', () => {
    expect(deriveIdentityKey(MASTER, 'users')).not.toBe(walletKey);
    const signedWithUsersKey = signSubgraphRequest(alice, deriveIdentityKey(MASTER, 'users'), request, 1_000);
    expect(verifySubgraphRequest(signedWithUsersKey, [walletKey], received, 5_000, 1_000)).toEqual({ ok: false, reason: 'bad identity signature' });
  });

  it('refuses a request signed for another subgraph, another method or another body', () => {
    const forUsers = signSubgraphRequest(alice, walletKey, { ...request, subgraph: 'users' }, 1_000);
    expect(verifySubgraphRequest(forUsers, [walletKey], received, 5_000, 1_000)).toEqual({ ok: false, reason: 'identity signed for another subgraph' });
    const asGet = signSubgraphRequest(alice, walletKey, { ...request, method: 'GET' }, 1_000);
    expect(verifySubgraphRequest(asGet, [walletKey], received, 5_000, 1_000)).toEqual({ ok: false, reason: 'identity signed for another method' });
    const headers = signSubgraphRequest(alice, walletKey, request, 1_000);
    const otherBody = { ...received, bodyHash: bodyHash('{"query":"mutation { deposit }"}') };
    expect(verifySubgraphRequest(headers, [walletKey], otherBody, 5_000, 1_000)).toEqual({ ok: false, reason: 'identity signed for another body' });
  });

  it('refuses an identity altered after signing', () => {
    const headers = signSubgraphRequest(alice, walletKey, request, 1_000);
    const forged = Buffer.from(JSON.stringify({ v: 2, sub: 'u-2', roles: ['ADMIN'], ip: null, ts: 1_000, aud: 'wallet', m: 'POST', bh: bodyHash(BODY), rid: 'r-1' })).toString('base64url');
    expect(verifySubgraphRequest({ ...headers, [IDENTITY_HEADER]: forged }, [walletKey], received, 5_000, 1_000).ok).toBe(false);
  });

  it('refuses a signature more than the window away, either way', () => {
    const headers = signSubgraphRequest(alice, walletKey, request, 10_000);
    expect(verifySubgraphRequest(headers, [walletKey], received, 5_000, 15_000).ok).toBe(true);
    expect(verifySubgraphRequest(headers, [walletKey], received, 5_000, 15_001)).toEqual({ ok: false, reason: 'identity signature expired' });
    expect(verifySubgraphRequest(headers, [walletKey], received, 5_000, 4_999)).toEqual({ ok: false, reason: 'identity signature expired' });
  });

  it('accepts the previous key during a rotation, and nothing once it is dropped', () => {
    const oldKey = deriveIdentityKey('pR7sT2vX9zB4nM6qW1eY8uI3oA5dF0gH-jKlZcVbNmQ', 'wallet');
    const headers = signSubgraphRequest(alice, oldKey, request, 1_000);
    expect(verifySubgraphRequest(headers, [walletKey, oldKey], received, 5_000, 1_000).ok).toBe(true);
    expect(verifySubgraphRequest(headers, [walletKey], received, 5_000, 1_000).ok).toBe(false);
  });

  it('refuses a request without the headers', () => {
    expect(verifySubgraphRequest({}, [walletKey], received, 5_000).ok).toBe(false);
    expect(verifySubgraphRequest({ [SIGNATURE_HEADER]: 'x' }, [walletKey], received, 5_000).ok).toBe(false);
  });
});
