import { describe, expect, it } from 'vitest';
import { assertCanAcceptBid, type AcceptableBid, type ChosenBid } from './accept-bid.js';
import type { BidStatus } from './bid-status.js';
import type { TaskReplica, TaskStatus } from './task-replica.js';

const POSTER = '11111111-1111-4111-8111-111111111111';
const STRANGER = '22222222-2222-4222-8222-222222222222';
const TASK = '33333333-3333-4333-8333-333333333333';
const BID = '44444444-4444-4444-8444-444444444444';
const OTHER_BID = '55555555-5555-4555-8555-555555555555';

const bid = (overrides: Partial<AcceptableBid> = {}): AcceptableBid => ({ id: BID, taskId: TASK, status: 'PENDING', currency: 'EUR', ...overrides });
const task = (overrides: Partial<TaskReplica> = {}): TaskReplica => ({
  taskId: TASK,
  posterId: POSTER,
  status: 'OPEN',
  budget: { amountMinor: 8_000, currency: 'EUR' },
  dueAt: null,
  hidden: false,
  lastEventAt: new Date('2026-02-01T12:00:00.000Z'),
  ...overrides,
});
const accept = (overrides: { bid?: AcceptableBid; task?: TaskReplica | null; callerId?: string; chosen?: ChosenBid | null } = {}) => () =>
  assertCanAcceptBid({ bid: bid(), task: task(), callerId: POSTER, chosen: null, ...overrides });

describe('assertCanAcceptBid', () => {
  it("lets the task's poster accept a pending bid on an open task", () => {
    expect(accept()).not.toThrow();
  });

  it('lets the poster accept a bid on a task past its deadline (the deadline stops new bids, not the choice)', () => {
    expect(accept({ task: task({ dueAt: new Date('2020-01-01T00:00:00.000Z') }) })).not.toThrow();
  });

  it('forbids anyone but the task’s poster, even the tasker who placed the bid', () => {
    expect(accept({ callerId: STRANGER })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the poster of the task can accept a bid on it.' }));
  });

  it('checks who is asking before saying anything about the bid’s state', () => {
    expect(accept({ callerId: STRANGER, bid: bid({ status: 'REJECTED' }) })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it.each<[BidStatus, string]>([
    ['ACCEPTING', 'This bid is already being accepted; only pending bids can be accepted.'],
    ['ACCEPTED', 'This bid is already accepted; only pending bids can be accepted.'],
    ['REJECTED', 'This bid is rejected; only pending bids can be accepted.'],
    ['WITHDRAWN', 'This bid is withdrawn; only pending bids can be accepted.'],
  ])('refuses a %s bid with CONFLICT', (status, message) => {
    expect(accept({ bid: bid({ status }) })).toThrow(expect.objectContaining({ code: 'CONFLICT', message, extra: { status } }));
  });

  it.each<TaskStatus>(['ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'])('refuses a bid on a %s task with CONFLICT', (status) => {
    expect(accept({ task: task({ status }) })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('bids can be accepted only on open tasks'), extra: { taskStatus: status } }),
    );
  });

  it('refuses while another bid of the task is being accepted, and once one was accepted', () => {
    expect(accept({ chosen: { id: OTHER_BID, status: 'ACCEPTING' } })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('being accepted'), reason: 'ANOTHER_BID_CHOSEN', extra: { otherBidId: OTHER_BID } }),
    );
    expect(accept({ chosen: { id: OTHER_BID, status: 'ACCEPTED' } })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'Another bid on this task was already accepted.' }),
    );
  });

  it('refuses a bid in another currency than the task’s budget has now, naming both', () => {
    expect(accept({ task: task({ budget: { amountMinor: 8_000, currency: 'GBP' } }) })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringMatching(/in EUR but the task's budget is now in GBP/) }),
    );
  });

  it('answers a retryable CONFLICT when bidding does not know the task', () => {
    expect(accept({ task: null })).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'TASK_NOT_YET_KNOWN', extra: { retryable: true } }));
  });
});
