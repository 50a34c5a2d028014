import { describe, expect, it } from 'vitest';
import { taskSeenBy, WITHHELD_TITLE, withheldTask } from './withheld-task.js';

const poster = '11111111-1111-4111-8111-111111111111';
const assignee = '22222222-2222-4222-8222-222222222222';
const stranger = '33333333-3333-4333-8333-333333333333';

const task = (over: Partial<{ hiddenAt: Date | null; posterSuspended: boolean }> = {}) =>
  Object.freeze({
    id: '44444444-4444-4444-8444-444444444444',
    posterId: poster,
    assigneeId: assignee,
    title: 'Sell me something illicit',
    description: 'Details in the poster’s words.',
    category: 'OTHER',
    budgetAmountMinor: 5_000,
    budgetCurrency: 'USD',
    lat: 51.52,
    lng: -0.16,
    address: '12 Baker Street, London',
    status: 'COMPLETED',
    createdAt: new Date('2026-11-01T10:00:00.000Z'),
    hiddenAt: null,
    hiddenReason: null,
    posterSuspended: false,
    ...over,
    ...(over.hiddenAt ? { hiddenReason: 'Prohibited item' } : {}),
  });

describe('a hidden task reached through another object', () => {
  it('withholds the title, description, location and hiding reason, and keeps the rest', () => {
    const hidden = task({ hiddenAt: new Date('2026-11-02T10:00:00.000Z') });
    expect(withheldTask(hidden)).toEqual({ ...hidden, title: WITHHELD_TITLE, description: '', lat: null, lng: null, address: null, hiddenReason: null });
  });

  it('copies the row instead of changing it (the DataLoader serves it to the rest of the request)', () => {
    const hidden = task({ hiddenAt: new Date() });
    const before = { ...hidden };
    expect(withheldTask(hidden)).not.toBe(hidden);
    expect(hidden).toEqual(before);
  });

  it('withholds a hidden task from anonymous callers and from signed-in users who are not its parties', () => {
    for (const hidden of [task({ hiddenAt: new Date() }), task({ posterSuspended: true })]) {
      expect(taskSeenBy({ userId: null, admin: false }, hidden).title).toBe(WITHHELD_TITLE);
      expect(taskSeenBy({ userId: stranger, admin: false }, hidden)).toMatchObject({ title: WITHHELD_TITLE, description: '', address: null });
    }
  });

  it('shows a hidden task whole to its poster, its assignee and administrators', () => {
    const hidden = task({ hiddenAt: new Date() });
    for (const viewer of [{ userId: poster, admin: false }, { userId: assignee, admin: false }, { userId: stranger, admin: true }]) {
      expect(taskSeenBy(viewer, hidden)).toBe(hidden);
    }
  });

  it('shows a listed task whole to everyone', () => {
    const listed = task();
    expect(taskSeenBy({ userId: null, admin: false }, listed)).toBe(listed);
    expect(taskSeenBy({ userId: stranger, admin: false }, listed)).toBe(listed);
  });
});
