import { afterEach, describe, expect, it } from 'vitest';
import type { Identity } from '@sx/core';
import { signAccessToken, verifyAccessToken } from './access-token.js';
import { clockNow, clockOffsetMs } from './clock.js';
import { signIdentity, verifyIdentity } from './identity-signature.js';

// Two processes whose clocks are 20 s apart, played in one by changing CLOCK_OFFSET_MS between
// the signing and the checking side (the offset is read whenever it changes).

const SECRET = 'j'.repeat(40);
const alice: Identity = { userId: 'u-1', roles: ['POSTER'], ip: null };
const claims = { userId: 'u-1', roles: ['POSTER' as const] };

function at<T>(offsetMs: number, run: () => T): T {
  process.env.CLOCK_OFFSET_MS = String(offsetMs);
  return run();
}
afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

describe('the process clock', () => {
  it('is the machine clock shifted by CLOCK_OFFSET_MS', () => {
    const before = Date.now();
    const shifted = at(20_000, clockNow);
    expect(shifted - before).toBeGreaterThanOrEqual(20_000);
    expect(shifted - Date.now()).toBeLessThanOrEqual(20_000);
    expect(at(0, clockOffsetMs)).toBe(0);
  });

  it('refuses an offset that is not whole milliseconds, and any offset in production', () => {
    expect(() => clockOffsetMs({ CLOCK_OFFSET_MS: '1.5' })).toThrow(/integer/);
    expect(() => clockOffsetMs({ CLOCK_OFFSET_MS: 'soon' })).toThrow(/integer/);
    expect(() => clockOffsetMs({ CLOCK_OFFSET_MS: '20000', NODE_ENV: 'production' })).toThrow(/production/);
    expect(clockOffsetMs({ CLOCK_OFFSET_MS: '-20000', NODE_ENV: 'test' })).toBe(-20_000);
  });
});

describe('20 s of skew between the issuer and the checker', () => {
  it('access tokens: valid by the checking clock, so one behind accepts a token "from the future" and one ahead sees it expire early', async () => {
    const fromAhead = await at(20_000, () => signAccessToken(claims, SECRET));
    expect(await at(-20_000, () => verifyAccessToken(fromAhead, SECRET))).toMatchObject({ ok: true });
    const shortLived = await at(0, () => signAccessToken(claims, SECRET, 10));
    expect(await at(0, () => verifyAccessToken(shortLived, SECRET))).toMatchObject({ ok: true });
    expect(await at(20_000, () => verifyAccessToken(shortLived, SECRET))).toEqual({ ok: false, reason: 'expired' });
  });

  it('identity signatures: accepted while the skew is inside the window, refused beyond it', () => {
    const signed = at(20_000, () => signIdentity(alice, SECRET));
    expect(at(0, () => verifyIdentity(signed, SECRET, 30_000))).toEqual({ ok: true, identity: alice });
    expect(at(-20_000, () => verifyIdentity(signed, SECRET, 30_000))).toEqual({ ok: false, reason: 'identity signature expired' });
    expect(at(0, () => verifyIdentity(signed, SECRET, 5_000))).toEqual({ ok: false, reason: 'identity signature expired' });
  });
});
