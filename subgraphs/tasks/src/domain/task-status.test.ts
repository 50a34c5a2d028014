import { describe, expect, it } from 'vitest';
import { canTransition, TASK_STATUSES, transition, type TaskStatus } from './task-status.js';

const ALLOWED: [TaskStatus, TaskStatus][] = [
  ['OPEN', 'ASSIGNED'],
  ['ASSIGNED', 'DONE'],
  ['DONE', 'COMPLETED'],
  ['OPEN', 'CANCELLED'],
  ['ASSIGNED', 'CANCELLED'],
  // Issue 17: the assignee withdraws; disputes open from ASSIGNED or DONE and end where the admin sends them.
  ['ASSIGNED', 'OPEN'],
  ['ASSIGNED', 'DISPUTED'],
  ['DONE', 'DISPUTED'],
  ['DISPUTED', 'ASSIGNED'],
  ['DISPUTED', 'DONE'],
  ['DISPUTED', 'COMPLETED'],
  ['DISPUTED', 'CANCELLED'],
];

describe('task status transitions', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it('refuses every other pair with CONFLICT', () => {
    const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
    let refused = 0;
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(canTransition(from, to)).toBe(false);
        expect(() => transition(from, to)).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
        refused += 1;
      }
    }
    expect(refused).toBe(TASK_STATUSES.length ** 2 - ALLOWED.length);
  });

  it('explains a refused change in words a person understands', () => {
    expect(() => transition('COMPLETED', 'CANCELLED')).toThrow('This task is completed, so it cannot be cancelled.');
    expect(() => transition('CANCELLED', 'CANCELLED')).toThrow('This task is already cancelled.');
    expect(() => transition('DONE', 'OPEN')).toThrow('This task is marked done, so it cannot be reopened.');
  });

  it('keeps finished tasks finished', () => {
    for (const to of TASK_STATUSES) {
      expect(canTransition('COMPLETED', to)).toBe(false);
      expect(canTransition('CANCELLED', to)).toBe(false);
    }
  });
});
