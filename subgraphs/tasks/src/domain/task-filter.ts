import { BadUserInput, type Currency, MAX_AMOUNT_MINOR, SUPPORTED_CURRENCIES } from '@sx/core';
import { parseCategory, type TaskCategory } from './task-category.js';
import { parseLatLng } from './task-fields.js';
import { TASK_STATUSES, type TaskStatus } from './task-status.js';

export const MAX_SEARCH_CHARS = 200;
export const MAX_RADIUS_KM = 500;

/** The `tasks` filter as a client sends it (the API's TaskFilter input), not validated yet. */
export interface TaskFilterInput {
  status?: string | null;
  category?: string | null;
  search?: string | null;
  near?: { lat: number; lng: number; radiusKm: number } | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  currency?: string | null;
  posterId?: string | null;
}

/** A validated filter; null means "do not filter on this". */
export interface TaskFilter {
  status: TaskStatus | null;
  category: TaskCategory | null;
  search: string | null;
  near: { lat: number; lng: number; radiusM: number } | null;
  budgetMinMinor: number | null;
  budgetMaxMinor: number | null;
  currency: Currency | null;
  posterId: string | null;
  assigneeId: string | null;
}

export const NO_FILTER: TaskFilter = {
  status: null,
  category: null,
  search: null,
  near: null,
  budgetMinMinor: null,
  budgetMaxMinor: null,
  currency: null,
  posterId: null,
  assigneeId: null,
};

export function parseStatus(raw: string, field: string): TaskStatus {
  if ((TASK_STATUSES as readonly string[]).includes(raw)) return raw as TaskStatus;
  throw new BadUserInput('INVALID_INPUT', `${field} "${raw}" is not a status; use one of ${TASK_STATUSES.join(', ')}.`);
}

function parseNear(raw: NonNullable<TaskFilterInput['near']>): TaskFilter['near'] {
  const { lat, lng } = parseLatLng(raw.lat, raw.lng, 'filter.near');
  if (!Number.isFinite(raw.radiusKm) || raw.radiusKm <= 0 || raw.radiusKm > MAX_RADIUS_KM) {
    throw new BadUserInput('INVALID_INPUT', `filter.near.radiusKm must be more than 0 and at most ${MAX_RADIUS_KM} (got ${raw.radiusKm}).`);
  }
  return { lat, lng, radiusM: raw.radiusKm * 1000 };
}

function parseBudgetBound(raw: number | null | undefined, field: string): number | null {
  if (raw === null || raw === undefined) return null;
  if (!Number.isSafeInteger(raw) || raw < 0 || raw > MAX_AMOUNT_MINOR) {
    throw new BadUserInput('INVALID_INPUT', `${field} must be a whole number of minor units from 0 to ${MAX_AMOUNT_MINOR} (got ${raw}).`);
  }
  return raw;
}

function parseCurrency(raw: string): Currency {
  const code = raw.trim().toUpperCase();
  if ((SUPPORTED_CURRENCIES as readonly string[]).includes(code)) return code as Currency;
  throw new BadUserInput('UNSUPPORTED_CURRENCY', `filter.currency "${raw}" is not supported; use one of ${SUPPORTED_CURRENCIES.join(', ')}.`);
}

function parseSearch(raw: string | null | undefined): string | null {
  const search = raw?.trim();
  // A blank search box means "everything", as on any listing page.
  if (!search) return null;
  if ([...search].length > MAX_SEARCH_CHARS) {
    throw new BadUserInput('INVALID_INPUT', `filter.search may be at most ${MAX_SEARCH_CHARS} characters long.`);
  }
  return search;
}

/** Validates the `tasks` filter once, at the edge. */
export function parseTaskFilter(input: TaskFilterInput): TaskFilter {
  const budgetMinMinor = parseBudgetBound(input.budgetMin, 'filter.budgetMin');
  const budgetMaxMinor = parseBudgetBound(input.budgetMax, 'filter.budgetMax');
  if (budgetMinMinor !== null && budgetMaxMinor !== null && budgetMinMinor > budgetMaxMinor) {
    throw new BadUserInput('INVALID_INPUT', `filter.budgetMin (${budgetMinMinor}) must not be greater than filter.budgetMax (${budgetMaxMinor}).`);
  }
  return {
    status: input.status ? parseStatus(input.status, 'filter.status') : null,
    category: input.category ? parseCategory(input.category, 'filter.category') : null,
    search: parseSearch(input.search),
    near: input.near ? parseNear(input.near) : null,
    budgetMinMinor,
    budgetMaxMinor,
    currency: input.currency ? parseCurrency(input.currency) : null,
    posterId: input.posterId ?? null,
    assigneeId: null,
  };
}
