import { parseMoneyInput, type Money } from '@sx/runtime';
import { parseCategory, type TaskCategory } from './task-category.js';
import { parseDescription, parseDueAt, parseLocation, parseTitle, type Location, type LocationInput } from './task-fields.js';

/** postTask's input as the API delivers it. */
export interface PostTaskInput {
  title: string;
  description?: string | null;
  category: string;
  budget: { amount: number; currency: string };
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
export function parseTaskDraft(input: PostTaskInput, now: Date): TaskDraft {
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
