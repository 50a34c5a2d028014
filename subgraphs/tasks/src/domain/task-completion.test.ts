import { describe, expect, it } from 'vitest';
import { decideConfirmCompletion, decideMarkDone } from './task-completion.js';
import { TASK_STATUSES } from './task-status.js';

const POSTER = '11111111-1111-4111-8111-111111111111';
const TASKER = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';

describe('marking a task done', () => {
  it('moves the assignee’s assigned task to DONE', () => {
    expect(decideMarkDone({ posterId: POSTER, assigneeId: TASKER, status: 'ASSIGNED' }, TASKER)).toBe('DONE');
  });

  it('forbids anyone but the assignee, the poster included', () => {
    for (const caller of [POSTER, OTHER]) {
      expect(() => decideMarkDone({ posterId: POSTER, assigneeId: TASKER, status: 'ASSIGNED' }, caller)).toThrowError(
        expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the tasker this task is assigned to can mark it done.' }),
      );
    }
    expect(() => decideMarkDone({ posterId: POSTER, assigneeId: null, status: 'OPEN' }, OTHER)).toThrowError(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses a task that is done, completed or cancelled with CONFLICT', () => {
    for (const status of TASK_STATUSES.filter((s) => s !== 'ASSIGNED' && s !== 'OPEN')) {
      expect(() => decideMarkDone({ posterId: POSTER, assigneeId: TASKER, status }, TASKER)).toThrowError(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
    }
    expect(() => decideMarkDone({ posterId: POSTER, assigneeId: TASKER, status: 'DONE' }, TASKER)).toThrow('This task is already marked done.');
    expect(() => decideMarkDone({ posterId: POSTER, assigneeId: TASKER, status: 'CANCELLED' }, TASKER)).toThrow(
      'This task is cancelled, so it cannot be marked done.',
    );
  });
});

describe('confirming a task’s completion', () => {
  it('moves the poster’s done task to COMPLETED', () => {
    expect(decideConfirmCompletion({ posterId: POSTER, assigneeId: TASKER, status: 'DONE' }, POSTER)).toBe('COMPLETED');
  });

  it('forbids anyone but the poster, the assignee included', () => {
    for (const caller of [TASKER, OTHER]) {
      expect(() => decideConfirmCompletion({ posterId: POSTER, assigneeId: TASKER, status: 'DONE' }, caller)).toThrowError(
        expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the person who posted this task can confirm its completion.' }),
      );
    }
  });

  it('asks to wait for the tasker while the task is only assigned', () => {
    expect(() => decideConfirmCompletion({ posterId: POSTER, assigneeId: TASKER, status: 'ASSIGNED' }, POSTER)).toThrowError(
      expect.objectContaining({ code: 'CONFLICT', message: 'The tasker has not marked this task done yet; it can be confirmed once they have.' }),
    );
  });

  it('refuses open, completed and cancelled tasks with CONFLICT', () => {
    expect(() => decideConfirmCompletion({ posterId: POSTER, assigneeId: null, status: 'OPEN' }, POSTER)).toThrow(
      'This task is open, so it cannot be confirmed as completed.',
    );
    expect(() => decideConfirmCompletion({ posterId: POSTER, assigneeId: TASKER, status: 'COMPLETED' }, POSTER)).toThrow(
      'This task is already completed.',
    );
    expect(() => decideConfirmCompletion({ posterId: POSTER, assigneeId: TASKER, status: 'CANCELLED' }, POSTER)).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});
