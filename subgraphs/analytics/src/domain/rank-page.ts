import { BadUserInput, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '@sx/core';

/** Rankings are short lists: 10 unless asked, never more than MAX_PAGE_SIZE. */
export const DEFAULT_RANK_PAGE = 10;
/** How deep a ranking may be paged (offset paging: the bound keeps each query cheap). */
export const MAX_RANK_DEPTH = 1_000;

export interface RankPage {
  offset: number;
  limit: number;
}

const CURSOR_KEY = 'rank';

/** first/after of a ranking: the cursor is the place in the ranking of the last row seen. */
export function parseRankPage(args: { first?: number | null; after?: string | null }): RankPage {
  const limit = args.first ?? DEFAULT_RANK_PAGE;
  if (!Number.isInteger(limit) || limit < 0) throw new BadUserInput('PAGE_TOO_LARGE', '"first" must be zero or a positive whole number.');
  if (limit > MAX_PAGE_SIZE) throw new BadUserInput('PAGE_TOO_LARGE', `"first" may be at most ${MAX_PAGE_SIZE}.`);
  if (!args.after) return { offset: 0, limit };
  const position = decodeCursor(args.after);
  const place = Number(position.id);
  if (position.key !== CURSOR_KEY || !Number.isInteger(place) || place < 1 || place > MAX_RANK_DEPTH) {
    throw new BadUserInput('INVALID_CURSOR', 'The cursor given in "after" is not valid; use an endCursor returned by this list.');
  }
  return { offset: place, limit };
}

/** A page of a ranking from `limit + 1` rows, each edge's cursor its 1-based place. */
export function rankConnection<R, N>(rows: R[], page: RankPage, toNode: (row: R) => N) {
  const shown = rows.slice(0, page.limit);
  const edges = shown.map((row, i) => ({ cursor: encodeCursor({ key: CURSOR_KEY, id: String(page.offset + i + 1) }), node: toNode(row) }));
  const hasNextPage = rows.length > page.limit && page.offset + page.limit < MAX_RANK_DEPTH;
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
