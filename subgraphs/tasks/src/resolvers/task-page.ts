import { BadUserInput, type Connection, isUuid, type PageArgs, type PageRequest, parsePageArgs, toConnection } from '@sx/core';
import type { Task } from '../loaders.js';

// What toISOString writes; the cursor's key reaches SQL as a timestamptz, so nothing else may.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** first/after of a task list; a cursor this list did not issue is BAD_USER_INPUT, never a SQL error. */
export function parseTaskPage(args: PageArgs): PageRequest {
  const page = parsePageArgs(args);
  const after = page.after;
  if (after && (!ISO_UTC.test(after.key) || Number.isNaN(Date.parse(after.key)) || !isUuid(after.id))) {
    throw new BadUserInput('INVALID_CURSOR', 'The cursor given in "after" is not valid; use an endCursor returned by this list.');
  }
  return page;
}

const position = (task: Task) => ({ key: task.createdAt.toISOString(), id: task.id });

/** A page fetched with `limit + 1` rows as a Relay connection. */
export function taskConnection(rows: Task[], page: PageRequest): Connection<Task> {
  return toConnection(rows, page.limit, position);
}
