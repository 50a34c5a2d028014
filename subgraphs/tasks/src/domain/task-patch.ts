import { BadUserInput, type Money, type MoneyInput, parseMoneyInput } from '@sx/core';
import { parseCategory, type TaskCategory } from './task-category.js';
import { parseDescription, parseDueAt, parseLocation, parseTitle, type Location, type LocationInput } from './task-fields.js';

/** An edit as a client sends it (the API's UpdateTaskInput): an absent key was not sent, null clears. */
export interface TaskPatchInput {
  title?: string | null;
  description?: string | null;
  category?: string | null;
  budget?: MoneyInput | null;
  location?: LocationInput | null;
  dueAt?: Date | null;
}

/** The changes to apply; a key that is absent stays as it is, null clears an optional field. */
export interface TaskPatch {
  title?: string;
  description?: string;
  category?: TaskCategory;
  budget?: Money;
  location?: Location | null;
  dueAt?: Date | null;
}

function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) {
    throw new BadUserInput('INVALID_INPUT', `${field} cannot be removed; leave it out of the input to keep the current value.`);
  }
  return value;
}

/** Validates a partial edit: only the fields sent are checked and changed (an absent key was not sent). */
export function parseTaskPatch(input: TaskPatchInput, now: Date): TaskPatch {
  const patch: TaskPatch = {};
  if ('title' in input) patch.title = parseTitle(required(input.title, 'title'));
  if ('description' in input) patch.description = parseDescription(required(input.description, 'description'));
  if ('category' in input) patch.category = parseCategory(required(input.category, 'category'), 'category');
  if ('budget' in input) patch.budget = parseMoneyInput(required(input.budget, 'budget'), 'budget');
  if ('location' in input) patch.location = input.location ? parseLocation(input.location) : null;
  if ('dueAt' in input) patch.dueAt = input.dueAt ? parseDueAt(input.dueAt, now) : null;
  if (Object.keys(patch).length === 0) {
    throw new BadUserInput('NOTHING_TO_CHANGE', 'Nothing to change: give at least one of title, description, category, budget, location, dueAt.');
  }
  return patch;
}
