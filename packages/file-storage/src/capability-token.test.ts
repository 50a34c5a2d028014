import { describe, expect, it } from 'vitest';
import { checkCapability, signCapability } from './capability-token.js';

const capability = { purpose: 'download', id: '0b7d2d52-4f4a-4a43-9d0b-4a4f1a2b3c4d', expiresAtS: 2_000_000_000 };

describe('capability tokens', () => {
  it('accepts its own signature before the expiry, under the current or the previous key', () => {
    const sig = signCapability('old-key', capability);
    expect(checkCapability(['new-key', 'old-key'], capability, sig, 1_999_999_999_000)).toEqual({ ok: true });
  });

  it('refuses the signature for another object, purpose or expiry', () => {
    const sig = signCapability('k', capability);
    expect(checkCapability(['k'], { ...capability, id: 'another' }, sig, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkCapability(['k'], { ...capability, purpose: 'upload' }, sig, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkCapability(['k'], { ...capability, expiresAtS: capability.expiresAtS + 1 }, sig, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkCapability(['other'], capability, sig, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(checkCapability(['k'], capability, 'garbage', 0)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a valid signature once it has expired', () => {
    const sig = signCapability('k', capability);
    expect(checkCapability(['k'], capability, sig, capability.expiresAtS * 1000)).toEqual({ ok: false, reason: 'expired' });
  });
});
