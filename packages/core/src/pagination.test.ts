import { describe, expect, it } from 'vitest';
import { BadUserInput } from './errors.js';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, parsePageArgs, toConnection } from './pagination.js';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const position = { key: '2026-01-01T00:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a malformed cursor with a message naming "after"', () => {
    expect(() => decodeCursor('garbage!')).toThrow(BadUserInput);
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toThrow(/after/);
  });

  it('refuses a page size over the maximum and negative sizes', () => {
    expect(() => parsePageArgs({ first: MAX_PAGE_SIZE + 1 })).toThrow(`at most ${MAX_PAGE_SIZE}`);
    expect(() => parsePageArgs({ first: -1 })).toThrow(BadUserInput);
    expect(parsePageArgs({ first: MAX_PAGE_SIZE }).limit).toBe(MAX_PAGE_SIZE);
    expect(parsePageArgs({}).limit).toBe(20);
  });

  it('builds a page from limit + 1 rows and says whether more follow', () => {
    const rows = [1, 2, 3].map((n) => ({ id: String(n), at: `k${n}` }));
    const page = toConnection(rows, 2, (r) => ({ key: r.at, id: r.id }));
    expect(page.edges.map((e) => e.node.id)).toEqual(['1', '2']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor ?? '')).toEqual({ key: 'k2', id: '2' });
    expect(toConnection(rows.slice(0, 2), 2, (r) => ({ key: r.at, id: r.id })).pageInfo.hasNextPage).toBe(false);
  });
});
