import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { isUuid, onlyUuids, type PageRequest } from '@sx/core';
import type { TaskFilter } from '../domain/task-filter.js';
import type { TaskViewer } from '../domain/task-visibility.js';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';

export async function findTasksByIds(db: Db, ids: readonly string[]): Promise<Task[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select(taskColumns).from(tasks).where(inArray(tasks.id, valid));
}

// Filters on ids that cannot name a row match nothing; they must not reach SQL as a 22P02.
function namesNoRow(filter: TaskFilter): boolean {
  return [filter.posterId, filter.assigneeId].some((id) => id !== null && !isUuid(id));
}

function nearCondition(near: NonNullable<TaskFilter['near']>): SQL {
  const centre = sql`ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
  const point = sql`ll_to_earth(${tasks.lat}, ${tasks.lng})`;
  // The box test is what the GiST index answers; the distance test trims the box's corners.
  return sql`earth_box(${centre}, ${near.radiusM}::float8) @> ${point} AND earth_distance(${centre}, ${point}) <= ${near.radiusM}::float8`;
}

function filterConditions(filter: TaskFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(tasks.status, filter.status));
  if (filter.category) conditions.push(eq(tasks.category, filter.category));
  if (filter.posterId) conditions.push(eq(tasks.posterId, filter.posterId));
  if (filter.assigneeId) conditions.push(eq(tasks.assigneeId, filter.assigneeId));
  if (filter.currency) conditions.push(eq(tasks.budgetCurrency, filter.currency));
  if (filter.budgetMinMinor !== null) conditions.push(gte(tasks.budgetAmountMinor, filter.budgetMinMinor));
  if (filter.budgetMaxMinor !== null) conditions.push(lte(tasks.budgetAmountMinor, filter.budgetMaxMinor));
  if (filter.search) conditions.push(sql`${tasks.search} @@ websearch_to_tsquery('english', ${filter.search})`);
  if (filter.near) conditions.push(nearCondition(filter.near));
  return conditions;
}

/** Hidden tasks (domain/task-visibility.ts) are listed only to administrators, their poster and their assignee. */
function visibleTo(viewer: TaskViewer): SQL | null {
  if (viewer.admin) return null;
  const listed = sql`(${tasks.hiddenAt} IS NULL AND NOT ${tasks.posterSuspended})`;
  if (!viewer.userId || !isUuid(viewer.userId)) return listed;
  return sql`(${listed} OR ${tasks.posterId} = ${viewer.userId}::uuid OR ${tasks.assigneeId} = ${viewer.userId}::uuid)`;
}

/** One statement per page: newest first, keyset-paginated on (created_at, id). */
export async function pageTasks(db: Db, filter: TaskFilter, page: PageRequest, viewer: TaskViewer): Promise<Task[]> {
  if (namesNoRow(filter)) return [];
  const conditions = filterConditions(filter);
  const visibility = visibleTo(viewer);
  if (visibility) conditions.push(visibility);
  if (page.after) {
    conditions.push(sql`(${tasks.createdAt}, ${tasks.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`);
  }
  return db
    .select(taskColumns)
    .from(tasks)
    .where(and(...conditions))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(page.limit + 1);
}
