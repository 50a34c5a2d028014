import { describe, expect, it } from 'vitest';
import { formatMoney, newIdempotencyKey, parseAmountCents, retryWhileRetryable, stringTokenStore, SxError, type Result } from '../src/index.js';

describe('money as people type and read it', () => {
  it('parses amounts with a dot, a comma or no decimals into minor units', () => {
    expect(['45', '44.5', '44,50', ' 0.01 ', '9999999.99'].map(parseAmountCents)).toEqual([4500, 4450, 4450, 1, 999_999_999]);
  });

  it('refuses zero, negatives, three decimals, words and more than seven whole digits', () => {
    expect(['0', '0.00', '-5', '1.234', 'ten', '', '12345678', '1e3'].map(parseAmountCents)).toEqual(Array(8).fill(null));
  });

  it('formats minor units in the currency and the locale asked for', () => {
    expect(formatMoney({ amount: 12345, currency: 'EUR' }, 'en-US')).toBe('€123.45');
    expect(formatMoney({ amount: 5, currency: 'GBP' }, 'en-GB')).toBe('£0.05');
    expect(formatMoney({ amount: 100000, currency: 'USD' }, 'de-DE')).toBe('1.000,00\u00a0$');
  });
});

describe('idempotency keys', () => {
  it('are version-4 UUIDs, a new one each time', () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(50);
  });
});

describe('retrying what the server calls retryable', () => {
  const conflict = (retryable: boolean): Result<string> => {
    const error = new SxError('CONFLICT', 'not yet', { extensions: { code: 'CONFLICT', retryable } });
    return { ok: false, error, errors: [error], partial: null };
  };

  it('sends again while the answer is retryable, and returns the first success', async () => {
    const answers = [conflict(true), conflict(true), { ok: true, data: 'placed' } as const];
    let sent = 0;
    const result = await retryWhileRetryable(async () => answers[sent++] ?? conflict(false));
    expect(result).toEqual({ ok: true, data: 'placed' });
    expect(sent).toBe(3);
  });

  it('returns a refusal that is not retryable at once, and gives up after the last attempt', async () => {
    let sent = 0;
    expect(await retryWhileRetryable(async () => (sent++, conflict(false)))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(sent).toBe(1);
    sent = 0;
    expect(await retryWhileRetryable(async () => (sent++, conflict(true)), 2)).toMatchObject({ ok: false, error: { retryable: true } });
    expect(sent).toBe(2);
  });
});

describe('a token store over string storage', () => {
  const storage = () => {
    const items = new Map<string, string>();
    return { items, getItem: async (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
  };

  it('keeps the session as JSON under its key, and removes the key on sign-out', async () => {
    const s = storage();
    const store = stringTokenStore(s, 'sx.session');
    await store.set({ accessToken: 'a', refreshToken: 'r' });
    expect(JSON.parse(s.items.get('sx.session') ?? '')).toEqual({ accessToken: 'a', refreshToken: 'r' });
    expect(await store.get()).toEqual({ accessToken: 'a', refreshToken: 'r' });
    await store.set(null);
    expect(s.items.size).toBe(0);
    expect(await store.get()).toBeNull();
  });

  it('reads anything but a pair of token strings as signed out', async () => {
    const s = storage();
    const store = stringTokenStore(s, 'k');
    for (const raw of ['not json', 'null', '42', '{"accessToken":"a"}', '{"accessToken":1,"refreshToken":"r"}']) {
      s.items.set('k', raw);
      expect(await store.get()).toBeNull();
    }
  });
});
