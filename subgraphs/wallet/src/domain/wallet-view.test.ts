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

  it("makes the account's own money available and counts what escrow holds in the balance", () => {
    const view = walletView(OWNER, { id: ACCOUNT, currency: 'EUR', balanceMinor: 7_500, escrowHeldMinor: 2_500 }, 'USD');
    expect(view).toEqual({ ownerId: OWNER, accountId: ACCOUNT, currency: 'EUR', balanceMinor: 10_000, heldMinor: 2_500, availableMinor: 7_500 });
  });

  it('fails loudly on a negative account balance', () => {
    expect(() => walletView(OWNER, { id: ACCOUNT, currency: 'USD', balanceMinor: -1, escrowHeldMinor: 0 }, 'USD')).toThrow(/invariant/);
  });

  it('fails loudly on a negative hold', () => {
    expect(() => walletView(OWNER, { id: ACCOUNT, currency: 'USD', balanceMinor: 100, escrowHeldMinor: -1 }, 'USD')).toThrow(/invariant/);
  });
});
