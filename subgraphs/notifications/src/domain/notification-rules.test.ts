import { describe, expect, it } from 'vitest';
import { bidPlacedNotifications, bidRejectedNotifications } from './bid-notifications.js';
import { formatMoney } from './money-text.js';
import { escrowHeldNotifications, moneySentNotifications, paymentReleasedNotifications } from './payment-notifications.js';
import { parseReadSelection } from './read-selection.js';
import { taskCancelledNotifications, taskCompletedNotifications } from './task-notifications.js';

const bid = { bidId: 'b1', taskId: 't1', taskerId: 'tasker', posterId: 'poster' };
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const payment = { paymentId: 'p1', taskId: 't1', bidId: 'b1', payerId: 'poster', payeeId: 'tasker', amount: usd(12_000) };

describe('notification rules', () => {
  it('formats minor units with two decimals', () => {
    expect(formatMoney(usd(5))).toBe('0.05 USD');
    expect(formatMoney({ amountMinor: 123_456, currency: 'EUR' })).toBe('1234.56 EUR');
  });

  it('tells the poster of a bid, quoting the message, and nobody when the event lacks the poster', () => {
    expect(bidPlacedNotifications({ ...bid, amount: usd(4_000), message: '  Tomorrow.  ' })).toEqual([
      { recipientId: 'poster', kind: 'BID_RECEIVED', title: 'New bid on your task', body: 'A tasker offered to do it for 40.00 USD. “Tomorrow.”', taskId: 't1', bidId: 'b1', paymentId: null },
    ]);
    expect(bidPlacedNotifications({ ...bid, amount: usd(4_000), message: '' })[0]?.body).toBe('A tasker offered to do it for 40.00 USD.');
    expect(bidPlacedNotifications({ ...bid, posterId: undefined, amount: usd(1), message: '' })).toEqual([]);
  });

  it('says why a bid was rejected', () => {
    expect(bidRejectedNotifications({ ...bid, reason: 'TASK_CANCELLED' })[0]).toMatchObject({ recipientId: 'tasker', body: 'The poster cancelled the task.' });
    expect(bidRejectedNotifications({ ...bid, reason: 'OTHER_BID_ACCEPTED' })[0]?.body).toBe('The poster chose another bid.');
  });

  it('tells both parties of a held and a released payment, each their own side', () => {
    expect(escrowHeldNotifications(payment).map((n) => [n.recipientId, n.kind, n.paymentId])).toEqual([
      ['poster', 'PAYMENT_HELD', 'p1'],
      ['tasker', 'PAYMENT_HELD', 'p1'],
    ]);
    const released = paymentReleasedNotifications({ ...payment, fee: usd(1_200), payout: usd(10_800) });
    expect(released.find((n) => n.recipientId === 'tasker')?.body).toBe('108.00 USD was released to your wallet (fee 12.00 USD).');
    expect(released.find((n) => n.recipientId === 'poster')?.body).toBe('120.00 USD was released to the tasker.');
  });

  it('tells the recipient of money, with the note when there is one', () => {
    expect(moneySentNotifications({ recipientId: 'r', amount: usd(250), note: null })[0]).toMatchObject({ kind: 'MONEY_RECEIVED', body: '2.50 USD arrived in your wallet.', taskId: null });
    expect(moneySentNotifications({ recipientId: 'r', amount: usd(250), note: 'rent' })[0]?.body).toBe('2.50 USD arrived in your wallet. Note: “rent”');
  });

  it('tells the poster too when a task was completed by the auto-release, and the assignee of a cancellation only if there was one', () => {
    const byPoster = taskCompletedNotifications({ taskId: 't1', posterId: 'poster', assigneeId: 'tasker', completedBy: 'POSTER' });
    expect(byPoster.map((n) => n.recipientId)).toEqual(['tasker']);
    const auto = taskCompletedNotifications({ taskId: 't1', posterId: 'poster', assigneeId: 'tasker', completedBy: 'AUTO_RELEASE' });
    expect(auto.map((n) => n.recipientId)).toEqual(['tasker', 'poster']);
    expect(taskCancelledNotifications({ taskId: 't1', assigneeId: null })).toEqual([]);
    expect(taskCancelledNotifications({ taskId: 't1', assigneeId: 'tasker' })[0]).toMatchObject({ recipientId: 'tasker', kind: 'TASK_CANCELLED' });
  });

  it('reads exactly one of ids and all', () => {
    expect(parseReadSelection({ ids: ['a'] })).toEqual({ ids: ['a'] });
    expect(parseReadSelection({ all: true, ids: null })).toEqual({ all: true });
    for (const input of [{}, { all: false }, { ids: [], all: true }, { ids: Array.from({ length: 101 }, () => 'x') }]) {
      expect(() => parseReadSelection(input)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' }));
    }
  });
});
