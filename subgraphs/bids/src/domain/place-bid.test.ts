import { describe, expect, it } from 'vitest';
import { assertCanBid, TaskNotYetKnown } from './place-bid.js';
import type { TaskReplica, TaskStatus } from './task-replica.js';

const TASKER = '11111111-1111-4111-8111-111111111111';
const POSTER = '22222222-2222-4222-8222-222222222222';
const now = new Date('2026-02-01T12:00:00.000Z');
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' as const });

function task(overrides: Partial<TaskReplica> = {}): TaskReplica {
  return {
    taskId: '33333333-3333-4333-8333-333333333333',
    posterId: POSTER,
    status: 'OPEN',
    budget: eur(8_000),
    dueAt: null,
    hidden: false,
    lastEventAt: new Date('2026-02-01T11:00:00.000Z'),
    ...overrides,
  };
}

describe('assertCanBid', () => {
  it('accepts a bid in the task’s currency on an open task posted by someone else', () => {
    expect(() => assertCanBid(task(), TASKER, eur(9_000), now)).not.toThrow();
    expect(() => assertCanBid(task({ dueAt: new Date('2026-02-02T00:00:00.000Z') }), TASKER, eur(100), now)).not.toThrow();
  });

  it('forbids bidding on a task you posted', () => {
    expect(() => assertCanBid(task(), POSTER, eur(9_000), now)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'You cannot bid on a task you posted.' }),
    );
  });

  it.each<[TaskStatus, string]>([
    ['ASSIGNED', 'This task is assigned to a tasker; only open tasks take bids.'],
    ['DONE', 'This task is marked done; only open tasks take bids.'],
    ['COMPLETED', 'This task is completed; only open tasks take bids.'],
    ['CANCELLED', 'This task is cancelled; only open tasks take bids.'],
  ])('refuses a bid on a %s task with CONFLICT', (status, message) => {
    expect(() => assertCanBid(task({ status }), TASKER, eur(9_000), now)).toThrow(expect.objectContaining({ code: 'CONFLICT', message }));
  });

  it('refuses a bid on a cancellation tombstone (no budget known) with CONFLICT, not a crash', () => {
    expect(() => assertCanBid(task({ status: 'CANCELLED', budget: null }), TASKER, eur(9_000), now)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('refuses a bid on a task an administrator hid with CONFLICT TASK_HIDDEN_BY_ADMIN', () => {
    expect(() => assertCanBid(task({ hidden: true }), TASKER, eur(9_000), now)).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'TASK_HIDDEN_BY_ADMIN' }));
  });

  it('refuses a bid once the task’s deadline has passed', () => {
    expect(() => assertCanBid(task({ dueAt: now }), TASKER, eur(9_000), now)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('deadline') }),
    );
  });

  it('refuses a bid in another currency with BAD_USER_INPUT naming the right one', () => {
    expect(() => assertCanBid(task(), TASKER, { amountMinor: 9_000, currency: 'USD' }, now)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: "amount.currency must be EUR, the currency of this task's budget (you sent USD)." }),
    );
  });
});

describe('TaskNotYetKnown', () => {
  it('is a retryable CONFLICT that says to retry', () => {
    const err = new TaskNotYetKnown('33333333-3333-4333-8333-333333333333');
    expect(err.code).toBe('CONFLICT');
    expect(err.reason).toBe('TASK_NOT_YET_KNOWN');
    expect(err.extra).toEqual({ retryable: true });
    expect(err.message).toMatch(/retry/);
  });
});
