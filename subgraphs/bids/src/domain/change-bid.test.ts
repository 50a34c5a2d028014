import { describe, expect, it } from 'vitest';
import type { BidStatus } from './bid-status.js';
import { assertCanUpdateBid, assertCanWithdrawBid, type BidAccess } from './change-bid.js';
import type { TaskReplica } from './task-replica.js';

const TASKER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const TASK = '33333333-3333-4333-8333-333333333333';
const now = new Date('2026-02-01T12:00:00.000Z');
const bid = (status: BidStatus = 'PENDING'): BidAccess => ({ taskId: TASK, taskerId: TASKER, status });
const task = (overrides: Partial<TaskReplica> = {}): TaskReplica => ({
  taskId: TASK,
  posterId: OTHER,
  status: 'OPEN',
  budget: { amountMinor: 8_000, currency: 'GBP' },
  dueAt: null,
  hidden: false,
  lastEventAt: now,
  ...overrides,
});
const gbp = { amount: { amountMinor: 7_000, currency: 'GBP' as const } };

describe('assertCanUpdateBid', () => {
  it('lets the tasker change a pending bid on an open task', () => {
    expect(() => assertCanUpdateBid(bid(), task(), TASKER, gbp, now)).not.toThrow();
    expect(() => assertCanUpdateBid(bid(), task(), TASKER, { message: 'Sooner' }, now)).not.toThrow();
  });

  it('forbids anyone but the tasker who placed it', () => {
    expect(() => assertCanUpdateBid(bid(), task(), OTHER, gbp, now)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the tasker who placed this bid can change it.' }),
    );
  });

  it.each<BidStatus>(['ACCEPTING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'])('refuses changing a %s bid with CONFLICT', (status) => {
    expect(() => assertCanUpdateBid(bid(status), task(), TASKER, gbp, now)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('only pending bids can be changed') }),
    );
  });

  it('refuses a change once the task no longer takes bids', () => {
    expect(() => assertCanUpdateBid(bid(), task({ status: 'ASSIGNED' }), TASKER, gbp, now)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('refuses a new amount in another currency than the task’s', () => {
    expect(() => assertCanUpdateBid(bid(), task(), TASKER, { amount: { amountMinor: 7_000, currency: 'USD' } }, now)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('answers a retryable CONFLICT when the task is not known', () => {
    expect(() => assertCanUpdateBid(bid(), null, TASKER, gbp, now)).toThrow(expect.objectContaining({ code: 'CONFLICT', extra: expect.objectContaining({ retryable: true }) }));
  });
});

describe('assertCanWithdrawBid', () => {
  it('lets the tasker withdraw a pending bid', () => {
    expect(() => assertCanWithdrawBid(bid(), TASKER)).not.toThrow();
  });

  it('forbids anyone but the tasker who placed it', () => {
    expect(() => assertCanWithdrawBid(bid(), OTHER)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the tasker who placed this bid can withdraw it.' }),
    );
  });

  it.each<BidStatus>(['ACCEPTING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'])('refuses withdrawing a %s bid with CONFLICT', (status) => {
    expect(() => assertCanWithdrawBid(bid(status), TASKER)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('only pending bids can be withdrawn') }),
    );
  });
});
