import { BadUserInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Keyset position: the sort key and id of the last row a client has seen. */
export interface CursorPosition {
  key: string;
  id: string;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageRequest {
  limit: number;
  after: CursorPosition | null;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInput('INVALID_CURSOR', 'The cursor given in "after" is not valid; use an endCursor returned by this list.');
}

/** Validates first/after once, at the edge. */
export function parsePageArgs(args: PageArgs, maxPageSize = MAX_PAGE_SIZE): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new BadUserInput('PAGE_TOO_LARGE', '"first" must be zero or a positive whole number.');
  if (first > maxPageSize) throw new BadUserInput('PAGE_TOO_LARGE', `"first" may be at most ${maxPageSize}.`);
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Builds a Relay connection from rows fetched with `limit + 1`: the extra row only says
 * whether another page exists.
 */
export function toConnection<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export function emptyConnection<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
}
