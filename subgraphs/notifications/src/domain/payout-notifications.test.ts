import { describe, expect, it } from 'vitest';
import { payoutFailedNotifications, payoutPaidNotifications } from './payment-notifications.js';

const payout = { userId: 'tasker', amount: { amountMinor: 12_345, currency: 'EUR' }, accountMask: 'DE•••• 3000' };

describe('payout notification rules', () => {
  it('tells the tasker where their payout went, linked to no task', () => {
    expect(payoutPaidNotifications(payout)).toEqual([
      { recipientId: 'tasker', kind: 'PAYOUT_SENT', title: 'Payout sent', body: '123.45 EUR was paid out to your account DE•••• 3000.', taskId: null, bidId: null, paymentId: null },
    ]);
  });

  it('tells the tasker a declined payout is back in their wallet', () => {
    const [declined] = payoutFailedNotifications(payout);
    expect(declined).toMatchObject({ recipientId: 'tasker', kind: 'PAYOUT_FAILED' });
    expect(declined?.body).toContain('123.45 EUR');
    expect(declined?.body).toContain('back in your wallet');
  });
});
