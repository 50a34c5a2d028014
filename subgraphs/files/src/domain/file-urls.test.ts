import { describe, expect, it } from 'vitest';
import { INVOLVED, urlSigner } from './file-urls.js';

const id = '0b7d2d52-4f4a-4a43-9d0b-4a4f1a2b3c4d';
const now = new Date('2026-01-01T00:00:00Z');
const signer = urlSigner({ keys: ['k'], publicUrl: undefined });
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://api.test').searchParams);

describe('download URLs with an audience', () => {
  it('gives back the audience it was signed for, and none when there is none', () => {
    expect(signer.check('download', id, queryOf(signer.sign('download', id, 60, now, INVOLVED).url), now)).toEqual({ ok: true, audience: INVOLVED });
    expect(signer.check('download', id, queryOf(signer.sign('download', id, 60, now).url), now)).toEqual({ ok: true, audience: null });
  });

  it('refuses the audience changed, added or dropped', () => {
    const member = '7c0c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';
    const query = queryOf(signer.sign('download', id, 60, now, member).url);
    expect(signer.check('download', id, { ...query, for: INVOLVED }, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.check('download', id, { exp: query.exp, sig: query.sig }, now)).toEqual({ ok: false, reason: 'bad-signature' });
    const plain = queryOf(signer.sign('download', id, 60, now).url);
    expect(signer.check('download', id, { ...plain, for: member }, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.check('download', id, { ...query, for: 'NOT VALID!' }, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
