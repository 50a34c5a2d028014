import { getTableColumns } from 'drizzle-orm';
import { tasks, type TaskRow } from './tables.js';

// Every column but the tsvector: it only serves the WHERE clause and is the widest value of a row.
const { search: _search, ...columns } = getTableColumns(tasks);

/** What queries select: a task without its search document. */
export const taskColumns = columns;
export type Task = Omit<TaskRow, 'search'>;
