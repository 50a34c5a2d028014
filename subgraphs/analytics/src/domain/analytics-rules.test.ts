import { describe, expect, it } from 'vitest';
import { decodeCursor } from '@sx/core';
import { rate } from './facts.js';
import { MAX_RANK_DEPTH, parseRankPage, rankConnection } from './rank-page.js';
import { lastThirtyDays, parseRange, periodRange, todaySoFar } from './stats-range.js';

const now = new Date('2026-12-01T15:30:00.000Z');

describe('stats ranges', () => {
  it('defaults platformStats to today so far (UTC) and topTaskers to the last 30 days', () => {
    expect(parseRange({}, now, todaySoFar)).toEqual({ from: new Date('2026-12-01T00:00:00.000Z'), to: now });
    expect(parseRange({}, now, lastThirtyDays).from).toEqual(new Date('2026-11-01T15:30:00.000Z'));
  });

  it('refuses an empty, inverted or over-long range', () => {
    expect(() => parseRange({ from: now, to: now }, now, todaySoFar)).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
    expect(() => parseRange({ from: new Date('2024-01-01'), to: now }, now, todaySoFar)).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
    expect(parseRange({ from: new Date('2025-12-01T15:30:00.000Z') }, now, todaySoFar).to).toEqual(now);
  });

  it('ranks over the last day, week or month', () => {
    expect(periodRange('DAY', now).from).toEqual(new Date('2026-11-30T15:30:00.000Z'));
    expect(periodRange('WEEK', now).from).toEqual(new Date('2026-11-24T15:30:00.000Z'));
    expect(periodRange('MONTH', now).from).toEqual(new Date('2026-11-01T15:30:00.000Z'));
  });
});

describe('rates', () => {
  it('is null without a whole, a fraction otherwise', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});

describe('ranking pages', () => {
  it('continues after the place of the last row seen, with hasNextPage from the extra row', () => {
    const first = rankConnection(['a', 'b', 'c'], parseRankPage({ first: 2 }), (x) => x);
    expect(first.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(first.pageInfo.endCursor!)).toEqual({ key: 'rank', id: '2' });
    expect(parseRankPage({ first: 2, after: first.pageInfo.endCursor })).toEqual({ offset: 2, limit: 2 });
  });

  it('refuses a page too large, a forged cursor, and a place past the bounded depth', () => {
    expect(() => parseRankPage({ first: 101 })).toThrow(expect.objectContaining({ reason: 'PAGE_TOO_LARGE' }));
    expect(() => parseRankPage({ after: 'eHl6' })).toThrow(expect.objectContaining({ reason: 'INVALID_CURSOR' }));
    const deep = Buffer.from(JSON.stringify(['rank', String(MAX_RANK_DEPTH + 1)])).toString('base64url');
    expect(() => parseRankPage({ after: deep })).toThrow(expect.objectContaining({ reason: 'INVALID_CURSOR' }));
  });
});
