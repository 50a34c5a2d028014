import { describe, expect, it } from 'vitest';
import { assertCanWrite, decideOpenDispute, decideSplit, decideWithdraw } from './dispute-rules.js';
import { decideMarkDone, decideConfirmCompletion } from './task-completion.js';
import { decideCancel } from './task-ownership.js';
import type { TaskStatus } from './task-status.js';

const POSTER = 'poster';
const TASKER = 'tasker';
const task = (status: TaskStatus) => ({ posterId: POSTER, assigneeId: TASKER, status });

describe('opening a dispute', () => {
  it.each<TaskStatus>(['ASSIGNED', 'DONE'])('either party may dispute a %s task', (status) => {
    expect(decideOpenDispute(task(status), POSTER)).toBe('DISPUTED');
    expect(decideOpenDispute(task(status), TASKER)).toBe('DISPUTED');
  });

  it('refuses anyone else with NOT_TASK_PARTY', () => {
    expect(() => decideOpenDispute(task('DONE'), 'someone')).toThrowError(expect.objectContaining({ reason: 'NOT_TASK_PARTY' }));
  });

  it.each<[TaskStatus, string]>([
    ['OPEN', 'TASK_NOT_DISPUTABLE'],
    ['COMPLETED', 'TASK_NOT_DISPUTABLE'],
    ['CANCELLED', 'TASK_NOT_DISPUTABLE'],
    ['DISPUTED', 'TASK_DISPUTED'],
  ])('refuses a %s task with %s', (status, reason) => {
    expect(() => decideOpenDispute(task(status), POSTER)).toThrowError(expect.objectContaining({ reason }));
  });
});

describe('an open dispute freezes the task', () => {
  it('refuses confirm, cancel, mark done and withdraw with TASK_DISPUTED', () => {
    const disputed = task('DISPUTED');
    for (const step of [() => decideConfirmCompletion(disputed, POSTER), () => decideCancel(disputed, POSTER), () => decideMarkDone(disputed, TASKER), () => decideWithdraw(disputed, TASKER)]) {
      expect(step).toThrowError(expect.objectContaining({ reason: 'TASK_DISPUTED' }));
    }
  });

  it('lets the parties and admins write only while it is open', () => {
    expect(() => assertCanWrite(task('DISPUTED'), { status: 'OPEN' }, { userId: TASKER, isAdmin: false })).not.toThrow();
    expect(() => assertCanWrite(task('DISPUTED'), { status: 'OPEN' }, { userId: 'admin', isAdmin: true })).not.toThrow();
    expect(() => assertCanWrite(task('DISPUTED'), { status: 'OPEN' }, { userId: 'x', isAdmin: false })).toThrowError(expect.objectContaining({ reason: 'NOT_TASK_PARTY' }));
    expect(() => assertCanWrite(task('COMPLETED'), { status: 'RESOLVED' }, { userId: POSTER, isAdmin: false })).toThrowError(expect.objectContaining({ reason: 'DISPUTE_CLOSED' }));
  });
});

describe("an admin's split", () => {
  const held = { amountMinor: 7_005, currency: 'USD' };
  const split = (refundMinor: number, releaseMinor: number, currency = 'USD') => ({ kind: 'split' as const, refundMinor, releaseMinor, currency });

  it('completes the task when the tasker gets something, cancels it when the poster gets it all', () => {
    expect(decideSplit(held, split(3_000, 4_005))).toBe('COMPLETED');
    expect(decideSplit(held, split(0, 7_005))).toBe('COMPLETED');
    expect(decideSplit(held, split(7_005, 0))).toBe('CANCELLED');
  });

  it.each([
    ['short', split(3_000, 4_000)],
    ['over', split(3_000, 4_006)],
    ['negative', split(-1, 7_006)],
    ['other currency', split(3_000, 4_005, 'EUR')],
    ['fractional', split(3_000.5, 4_004.5)],
  ])('refuses a split that is %s with DISPUTE_SPLIT_MISMATCH', (_, decision) => {
    expect(() => decideSplit(held, decision)).toThrowError(expect.objectContaining({ reason: 'DISPUTE_SPLIT_MISMATCH' }));
  });
});

describe('withdrawing from a task', () => {
  it('reopens an ASSIGNED task for its assignee only', () => {
    expect(decideWithdraw(task('ASSIGNED'), TASKER)).toBe('OPEN');
    expect(() => decideWithdraw(task('ASSIGNED'), POSTER)).toThrowError(expect.objectContaining({ reason: 'NOT_TASK_ASSIGNEE' }));
    expect(() => decideWithdraw(task('DONE'), TASKER)).toThrowError(expect.objectContaining({ reason: 'TASK_STATUS_CONFLICT' }));
  });
});
