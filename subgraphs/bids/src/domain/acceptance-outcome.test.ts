import { describe, expect, it } from 'vitest';
import { decideAssigned, decideDeclined, type SettlingBid } from './acceptance-outcome.js';
import type { BidStatus } from './bid-status.js';

const TASK = '11111111-1111-4111-8111-111111111111';
const TASKER = '22222222-2222-4222-8222-222222222222';
const bid = (status: BidStatus): SettlingBid => ({ id: '33333333-3333-4333-8333-333333333333', taskId: TASK, taskerId: TASKER, status });
const assigned = { taskId: TASK, assigneeId: TASKER };

describe('decideAssigned (tasks.task.assigned)', () => {
  it('accepts the bid that was being accepted', () => {
    expect(decideAssigned(bid('ACCEPTING'), assigned, 'OPEN')).toBe('accept');
  });

  it('does nothing for a bid already accepted (a second assigned event)', () => {
    expect(decideAssigned(bid('ACCEPTED'), assigned, 'ASSIGNED')).toBe('already');
  });

  it('does nothing for a bid the task’s later cancellation, seen first, has rejected', () => {
    expect(decideAssigned(bid('REJECTED'), assigned, 'CANCELLED')).toBe('stale');
  });

  it.each<BidStatus>(['PENDING', 'WITHDRAWN', 'REJECTED'])('fails loudly for a %s bid on a task that is not cancelled: the saga cannot get there', (status) => {
    expect(() => decideAssigned(bid(status), assigned, 'OPEN')).toThrow(new RegExp(`which is ${status}`));
  });

  it('fails loudly when the event names another task or tasker than the bid’s', () => {
    expect(() => decideAssigned(bid('ACCEPTING'), { ...assigned, assigneeId: '44444444-4444-4444-8444-444444444444' }, 'OPEN')).toThrow(/assigned to/);
    expect(() => decideAssigned(bid('ACCEPTING'), { ...assigned, taskId: '44444444-4444-4444-8444-444444444444' }, 'OPEN')).toThrow(/assigned to/);
  });
});

describe('decideDeclined (wallet.escrow.declined)', () => {
  it('puts the bid being accepted back to pending', () => {
    expect(decideDeclined(bid('ACCEPTING'))).toBe('revert');
  });

  it.each<BidStatus>(['PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'])('leaves a %s bid as it is', (status) => {
    expect(decideDeclined(bid(status))).toBe('ignore');
  });
});
