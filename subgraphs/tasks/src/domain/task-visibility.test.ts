import { describe, expect, it } from 'vitest';
import { canSeeTask, isHidden, parseHideReason, viewerOf } from './task-visibility.js';

const poster = '11111111-1111-4111-8111-111111111111';
const assignee = '22222222-2222-4222-8222-222222222222';
const stranger = '33333333-3333-4333-8333-333333333333';
const task = (over: Partial<{ hiddenAt: Date | null; posterSuspended: boolean }> = {}) => ({ posterId: poster, assigneeId: assignee, hiddenAt: null, posterSuspended: false, ...over });

describe('who sees a hidden task', () => {
  it('shows a listed task to everyone, anonymous callers included', () => {
    expect(canSeeTask({ userId: null, admin: false }, task())).toBe(true);
  });

  it('hides a task an administrator hid, or whose poster is suspended, from everyone but its poster, its assignee and administrators', () => {
    for (const hidden of [task({ hiddenAt: new Date() }), task({ posterSuspended: true })]) {
      expect(isHidden(hidden)).toBe(true);
      expect(canSeeTask({ userId: null, admin: false }, hidden)).toBe(false);
      expect(canSeeTask({ userId: stranger, admin: false }, hidden)).toBe(false);
      expect(canSeeTask({ userId: poster, admin: false }, hidden)).toBe(true);
      expect(canSeeTask({ userId: assignee, admin: false }, hidden)).toBe(true);
      expect(canSeeTask({ userId: stranger, admin: true }, hidden)).toBe(true);
    }
  });

  it('reads the viewer from the identity, ids lower-cased', () => {
    expect(viewerOf({ userId: poster.toUpperCase(), roles: ['POSTER', 'ADMIN'] })).toEqual({ userId: poster, admin: true });
    expect(viewerOf({ userId: null, roles: [] })).toEqual({ userId: null, admin: false });
  });

  it('needs a reason of 1 to 500 characters', () => {
    expect(parseHideReason(' scam ')).toBe('scam');
    expect(() => parseHideReason('')).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
  });
});
