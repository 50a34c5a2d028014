import { describe, expect, it } from 'vitest';
import { walletView } from './wallet-view.js';

const OWNER = '11111111-1111-4111-8111-111111111111';
const ACCOUNT = '22222222-2222-4222-8222-222222222222';

describe('walletView', () => {
  it('shows a user without an account an empty wallet in the default currency', () => {
    expect(walletView(OWNER, null, 'USD')).toEqual({
      ownerId: OWNER,
      accountId: null,
      currency: 'USD',
      balanceMinor: 0,
      heldMinor: 0,
      availableMinor: 0,
    });
  });

  it('makes available what the balance holds beyond the money held in escrow', () => {
    const view = walletView(OWNER, { id: ACCOUNT, currency: 'EUR', balanceMinor: 10_000, heldMinor: 2_500 }, 'USD');
    expect(view).toMatchObject({ accountId: ACCOUNT, currency: 'EUR', balanceMinor: 10_000, heldMinor: 2_500, availableMinor: 7_500 });
  });

  it('fails loudly on an account that holds more than its balance', () => {
    expect(() => walletView(OWNER, { id: ACCOUNT, currency: 'USD', balanceMinor: 100, heldMinor: 101 }, 'USD')).toThrow(/invariant/);
  });

  it('fails loudly on a negative hold', () => {
    expect(() => walletView(OWNER, { id: ACCOUNT, currency: 'USD', balanceMinor: 100, heldMinor: -1 }, 'USD')).toThrow(/invariant/);
  });
});
