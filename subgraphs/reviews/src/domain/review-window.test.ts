import { describe, expect, it } from 'vitest';
import { assertWindowOpen, canSeeReview, revealCutoff, reviewWindowMs, windowClosesAt } from './review-window.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the review window', () => {
  it('is 14 days from REVIEW_WINDOW_DAYS, or the millisecond override', () => {
    expect(reviewWindowMs({ REVIEW_WINDOW_DAYS: 14 })).toBe(14 * DAY_MS);
    expect(reviewWindowMs({ REVIEW_WINDOW_DAYS: 0.5 })).toBe(DAY_MS / 2);
    expect(reviewWindowMs({ REVIEW_WINDOW_DAYS: 14, REVIEW_WINDOW_MS: 5_000 })).toBe(5_000);
  });

  it('closes exactly the window after completion, and refuses a review from that instant on', () => {
    const completedAt = new Date('2026-03-01T10:00:00.000Z');
    expect(windowClosesAt(completedAt, 14 * DAY_MS).toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(() => assertWindowOpen(completedAt, new Date('2026-03-15T09:59:59.999Z'), 14 * DAY_MS)).not.toThrow();
    expect(() => assertWindowOpen(completedAt, new Date('2026-03-15T10:00:00.000Z'), 14 * DAY_MS)).toThrow('closed at 2026-03-15T10:00:00.000Z');
  });

  it('reveals tasks completed at least a window ago', () => {
    expect(revealCutoff(new Date('2026-03-15T10:00:00.000Z'), 14 * DAY_MS).toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
});

describe('who sees a review', () => {
  const hidden = { authorId: 'author', revealedAt: null };
  const shown = { authorId: 'author', revealedAt: new Date() };

  it('shows a hidden review to its author only', () => {
    expect(canSeeReview(hidden, 'author')).toBe(true);
    expect(canSeeReview(hidden, 'subject')).toBe(false);
    expect(canSeeReview(hidden, null)).toBe(false);
    expect(canSeeReview(hidden, '')).toBe(false);
  });

  it('shows a revealed review to everyone, anonymous callers too', () => {
    expect(canSeeReview(shown, 'subject')).toBe(true);
    expect(canSeeReview(shown, null)).toBe(true);
  });
});
