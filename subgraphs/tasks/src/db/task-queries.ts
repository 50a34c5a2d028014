import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { isUuid, onlyUuids, type PageRequest } from '@sx/core';
import { GRID_CENTRE_MAX_OFFSET_KM, LAT_STEP_DEG, MAX_LNG_STEP_DEG } from '../domain/approximate-location.js';
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

/**
 * The centre of the task's location-privacy grid cell, as domain/approximate-location.ts's
 * snapToGrid computes it (same constants, same order of operations; unrounded, which moves it by
 * less than a metre).
 */
function gridCentre(): { lat: SQL; lng: SQL } {
  const latStep = sql`${LAT_STEP_DEG}::float8`;
  const lat = sql`least(90, greatest(-90, -90 + (floor((${tasks.lat} + 90) / ${latStep}) + 0.5) * ${latStep}))`;
  const lngStep = sql`least(${MAX_LNG_STEP_DEG}::float8, ${latStep} / greatest(cos((${lat}) * pi() / 180), 1e-6))`;
  const lng = sql`least(180, greatest(-180, -180 + (floor((${tasks.lng} + 180) / (${lngStep})) + 0.5) * (${lngStep})))`;
  return { lat, lng };
}

/** Rows the viewer is a party to (poster or assignee): they know the exact point already. */
function partyTo(viewer: TaskViewer): SQL | null {
  if (!viewer.userId || !isUuid(viewer.userId)) return null;
  return sql`(${tasks.posterId} = ${viewer.userId}::uuid OR ${tasks.assigneeId} = ${viewer.userId}::uuid)`;
}

/**
 * Location privacy holds for `near` too: for everyone but the task's parties the distance is
 * measured to the grid cell's centre, the point they are shown. Measured to the exact point,
 * probes with small radii from many centres would narrow it down far below the cell.
 */
function nearCondition(near: NonNullable<TaskFilter['near']>, viewer: TaskViewer): SQL {
  const centre = sql`ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
  const point = sql`ll_to_earth(${tasks.lat}, ${tasks.lng})`;
  const grid = gridCentre();
  const cell = sql`ll_to_earth(${grid.lat}, ${grid.lng})`;
  const radiusM = sql`${near.radiusM}::float8`;
  // The GiST index answers the box test on the exact point; widened by the largest offset of a
  // point from its cell's centre, it holds every task whose cell's centre is in the circle.
  const box = sql`earth_box(${centre}, ${near.radiusM + GRID_CENTRE_MAX_OFFSET_KM * 1000}::float8) @> ${point}`;
  const party = partyTo(viewer);
  const distance = party ? sql`CASE WHEN ${party} THEN earth_distance(${centre}, ${point}) ELSE earth_distance(${centre}, ${cell}) END` : sql`earth_distance(${centre}, ${cell})`;
  return sql`${box} AND ${distance} <= ${radiusM}`;
}

function filterConditions(filter: TaskFilter, viewer: TaskViewer): SQL[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(tasks.status, filter.status));
  if (filter.category) conditions.push(eq(tasks.category, filter.category));
  if (filter.posterId) conditions.push(eq(tasks.posterId, filter.posterId));
  if (filter.assigneeId) conditions.push(eq(tasks.assigneeId, filter.assigneeId));
  if (filter.currency) conditions.push(eq(tasks.budgetCurrency, filter.currency));
  if (filter.budgetMinMinor !== null) conditions.push(gte(tasks.budgetAmountMinor, filter.budgetMinMinor));
  if (filter.budgetMaxMinor !== null) conditions.push(lte(tasks.budgetAmountMinor, filter.budgetMaxMinor));
  if (filter.search) conditions.push(sql`${tasks.search} @@ websearch_to_tsquery('english', ${filter.search})`);
  if (filter.near) conditions.push(nearCondition(filter.near, viewer));
  return conditions;
}

/** Hidden tasks (domain/task-visibility.ts) are listed only to administrators, their poster and their assignee. */
function visibleTo(viewer: TaskViewer): SQL | null {
  if (viewer.admin) return null;
  const listed = sql`(${tasks.hiddenAt} IS NULL AND NOT ${tasks.posterSuspended})`;
  const party = partyTo(viewer);
  return party ? sql`(${listed} OR ${party})` : listed;
}

/** One statement per page: newest first, keyset-paginated on (created_at, id). */
export async function pageTasks(db: Db, filter: TaskFilter, page: PageRequest, viewer: TaskViewer): Promise<Task[]> {
  if (namesNoRow(filter)) return [];
  const conditions = filterConditions(filter, viewer);
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
