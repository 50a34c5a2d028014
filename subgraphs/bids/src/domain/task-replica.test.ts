import { describe, expect, it } from 'vitest';
import { nextReplica, type TaskChange, type TaskReplica } from './task-replica.js';

const TASK = '11111111-1111-4111-8111-111111111111';
const POSTER = '22222222-2222-4222-8222-222222222222';
const at = (second: number) => new Date(Date.UTC(2026, 0, 31, 17, 0, second));

function state(second: number, overrides: Partial<TaskReplica> = {}): TaskChange {
  return {
    kind: 'state',
    occurredAt: at(second),
    task: { taskId: TASK, posterId: POSTER, status: 'OPEN', budget: { amountMinor: 8_000, currency: 'EUR' }, dueAt: null, ...overrides },
  };
}
const cancelled = (second: number): TaskChange => ({ kind: 'cancelled', occurredAt: at(second), taskId: TASK, posterId: POSTER });
const moved = (second: number, status: 'ASSIGNED' | 'DONE' | 'COMPLETED'): TaskChange => ({ kind: 'status', occurredAt: at(second), taskId: TASK, posterId: POSTER, status });

/** Applies changes in the order given, as a consumer would. */
function replay(...changes: TaskChange[]): TaskReplica | null {
  let current: TaskReplica | null = null;
  for (const change of changes) current = nextReplica(current, change) ?? current;
  return current;
}

describe('nextReplica', () => {
  it('creates the replica from a posted task', () => {
    expect(nextReplica(null, state(1))).toEqual({
      taskId: TASK,
      posterId: POSTER,
      status: 'OPEN',
      budget: { amountMinor: 8_000, currency: 'EUR' },
      dueAt: null,
      hidden: false,
      lastEventAt: at(1),
    });
  });

  it('keeps the hidden flag through updates and status moves (only hide/unhide events write it)', () => {
    const hidden = { ...(nextReplica(null, state(1)) as TaskReplica), hidden: true };
    expect(nextReplica(hidden, state(2))).toMatchObject({ hidden: true, lastEventAt: at(2) });
    expect(nextReplica(hidden, moved(2, 'ASSIGNED'))).toMatchObject({ hidden: true, status: 'ASSIGNED' });
    expect(nextReplica(hidden, cancelled(2))).toMatchObject({ hidden: true, status: 'CANCELLED' });
  });

  it('takes a newer update, replacing budget and deadline', () => {
    const dueAt = new Date('2026-03-01T12:00:00.000Z');
    const current = replay(state(1), state(2, { budget: { amountMinor: 9_500, currency: 'USD' }, dueAt }));
    expect(current).toMatchObject({ budget: { amountMinor: 9_500, currency: 'USD' }, dueAt, lastEventAt: at(2) });
  });

  it('ignores an older event that arrives after a newer one (a redelivery)', () => {
    const current = replay(state(1), state(3, { budget: { amountMinor: 9_500, currency: 'EUR' } }));
    expect(current && nextReplica(current, state(2, { budget: { amountMinor: 1, currency: 'EUR' } }))).toBeNull();
    expect(current && nextReplica(current, state(1))).toBeNull();
  });

  it('keeps what was known of the task when it is cancelled', () => {
    expect(replay(state(1), cancelled(2))).toMatchObject({ status: 'CANCELLED', budget: { amountMinor: 8_000, currency: 'EUR' }, lastEventAt: at(2) });
  });

  it('never reopens a cancelled task, even with a later-stamped event', () => {
    const current = replay(state(1), cancelled(2));
    expect(current && nextReplica(current, state(5))).toBeNull();
  });

  it('leaves a budgetless tombstone when the cancellation arrives first, which the late posted event cannot reopen', () => {
    const tombstone = nextReplica(null, cancelled(2));
    expect(tombstone).toEqual({ taskId: TASK, posterId: POSTER, status: 'CANCELLED', budget: null, dueAt: null, hidden: false, lastEventAt: at(2) });
    expect(tombstone && nextReplica(tombstone, state(1))).toBeNull();
  });

  it('lets the event that ends the task win a tie of timestamps, and nothing else', () => {
    const current = replay(state(1));
    expect(current && nextReplica(current, cancelled(1))?.status).toBe('CANCELLED');
    expect(current && nextReplica(current, state(1, { budget: { amountMinor: 1, currency: 'EUR' } }))).toBeNull();
  });

  it('follows the payment saga (assigned, done, completed) keeping the budget', () => {
    const assigned = replay(state(1), moved(2, 'ASSIGNED'));
    expect(assigned).toMatchObject({ status: 'ASSIGNED', budget: { amountMinor: 8_000, currency: 'EUR' }, lastEventAt: at(2) });
    expect(replay(state(1), moved(2, 'ASSIGNED'), moved(3, 'DONE'), moved(4, 'COMPLETED'))).toMatchObject({ status: 'COMPLETED', lastEventAt: at(4) });
  });

  it('does not let a late assigned event reopen a completed or cancelled task', () => {
    const completed = replay(state(1), moved(4, 'COMPLETED'));
    expect(completed && nextReplica(completed, moved(3, 'ASSIGNED'))).toBeNull();
    const cancelledTask = replay(state(1), moved(2, 'ASSIGNED'), cancelled(3));
    expect(cancelledTask && nextReplica(cancelledTask, moved(5, 'DONE'))).toBeNull();
  });

  it('ignores an older saga move arriving after a newer one', () => {
    const done = replay(state(1), moved(2, 'ASSIGNED'), moved(3, 'DONE'));
    expect(done && nextReplica(done, moved(2, 'ASSIGNED'))).toBeNull();
  });
});

