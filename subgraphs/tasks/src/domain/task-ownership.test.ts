import { describe, expect, it } from 'vitest';
import { assertCanEdit, decideCancel } from './task-ownership.js';

const POSTER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

describe('who may change a task', () => {
  it('lets the poster edit an open task', () => {
    expect(() => assertCanEdit({ posterId: POSTER, status: 'OPEN' }, POSTER)).not.toThrow();
  });

  it('forbids editing someone else’s task', () => {
    expect(() => assertCanEdit({ posterId: POSTER, status: 'OPEN' }, OTHER)).toThrowError(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'Only the person who posted this task can edit it.' }),
    );
  });

  it('refuses to edit a task that is no longer open', () => {
    for (const status of ['ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'] as const) {
      expect(() => assertCanEdit({ posterId: POSTER, status }, POSTER)).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
    }
  });

  it('cancels an open task of the poster', () => {
    expect(decideCancel({ posterId: POSTER, status: 'OPEN' }, POSTER)).toBe('CANCELLED');
  });

  it('forbids cancelling someone else’s task, whatever its status', () => {
    expect(() => decideCancel({ posterId: POSTER, status: 'OPEN' }, OTHER)).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('cancels an assigned task of the poster (wallet then refunds the escrow)', () => {
    expect(decideCancel({ posterId: POSTER, status: 'ASSIGNED' }, POSTER)).toBe('CANCELLED');
  });

  it('refuses to cancel a task whose work is marked done, pointing to confirmation or a dispute', () => {
    expect(() => decideCancel({ posterId: POSTER, status: 'DONE' }, POSTER)).toThrowError(
      expect.objectContaining({
        code: 'CONFLICT',
        message:
          'The tasker has marked this task done, so it can no longer be cancelled; confirm its completion, or open a dispute (openDispute) if the work is not right.',
      }),
    );
  });

  it('refuses to cancel a finished or cancelled task', () => {
    expect(() => decideCancel({ posterId: POSTER, status: 'COMPLETED' }, POSTER)).toThrow('This task is completed, so it cannot be cancelled.');
    expect(() => decideCancel({ posterId: POSTER, status: 'CANCELLED' }, POSTER)).toThrow('This task is already cancelled.');
  });
});
