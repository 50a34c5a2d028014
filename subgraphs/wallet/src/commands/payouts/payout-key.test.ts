import { describe, expect, it } from 'vitest';
import { isUuid } from '@sx/core';
import { payoutIdOf } from './payout-key.js';

const user = '0b7a3c1e-2f4d-4e5a-8b6c-7d8e9f0a1b2c';

describe('payoutIdOf', () => {
  it('is a version-5 uuid, the same on every call', () => {
    const id = payoutIdOf(user, '2026-12-01', 'USD');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect(payoutIdOf(user.toUpperCase(), '2026-12-01', 'USD')).toBe(id);
  });

  it('differs by day, currency and user', () => {
    const id = payoutIdOf(user, '2026-12-01', 'USD');
    expect(payoutIdOf(user, '2026-12-02', 'USD')).not.toBe(id);
    expect(payoutIdOf(user, '2026-12-01', 'EUR')).not.toBe(id);
    expect(payoutIdOf('1b7a3c1e-2f4d-4e5a-8b6c-7d8e9f0a1b2c', '2026-12-01', 'USD')).not.toBe(id);
  });
});
