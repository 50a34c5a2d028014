import { BadUserInput } from './errors.js';
import { MAX_PAGE_SIZE, parsePageArgs, type CursorPosition, type PageArgs } from './pagination.js';
import { isUuid } from './ids.js';

/** A keyset position in a newest-first (created_at, id) list, ready for SQL. */
export interface TimeCursor {
  at: Date;
  id: string;
}

export interface TimePageRequest {
  limit: number;
  after: TimeCursor | null;
}

/**
 * parsePageArgs for lists ordered by (created_at, id): also checks that the cursor holds a
 * real date and uuid, so a forged cursor is BAD_USER_INPUT instead of a database error.
 * Store such timestamps with millisecond precision: a JS Date cannot carry microseconds.
 */
export function parseTimePageArgs(args: PageArgs, maxPageSize = MAX_PAGE_SIZE): TimePageRequest {
  const page = parsePageArgs(args, maxPageSize);
  if (!page.after) return { limit: page.limit, after: null };
  const at = new Date(page.after.key);
  if (Number.isNaN(at.getTime()) || !isUuid(page.after.id)) {
    throw new BadUserInput('INVALID_CURSOR', 'The cursor given in "after" is not valid; use an endCursor returned by this list.');
  }
  return { limit: page.limit, after: { at, id: page.after.id } };
}

/** The cursor position of a row in a (created_at, id) list. */
export function timePosition(row: { createdAt: Date; id: string }): CursorPosition {
  return { key: row.createdAt.toISOString(), id: row.id };
}
