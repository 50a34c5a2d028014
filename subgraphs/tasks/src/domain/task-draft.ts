import { type Money, type MoneyInput, parseMoneyInput } from '@sx/core';
import { parseCategory, type TaskCategory } from './task-category.js';
import { parseDescription, parseDueAt, parseLocation, parseTitle, type Location, type LocationInput } from './task-fields.js';

/** A new task as a client sends it (the API's PostTaskInput), not validated yet. */
export interface TaskDraftInput {
  title: string;
  description?: string | null;
  category: string;
  budget: MoneyInput;
  location?: LocationInput | null;
  dueAt?: Date | null;
}

/** A validated new task, ready to store. */
export interface TaskDraft {
  title: string;
  description: string;
  category: TaskCategory;
  budget: Money;
  location: Location | null;
  dueAt: Date | null;
}

/** Checks every field of a new task; the first bad one is reported as BAD_USER_INPUT. */
export function parseTaskDraft(input: TaskDraftInput, now: Date): TaskDraft {
  return {
    title: parseTitle(input.title),
    description: parseDescription(input.description ?? ''),
    category: parseCategory(input.category, 'category'),
    budget: parseMoneyInput(input.budget, 'budget'),
    // Absent location means the work is remote.
    location: input.location ? parseLocation(input.location) : null,
    dueAt: input.dueAt ? parseDueAt(input.dueAt, now) : null,
  };
}
