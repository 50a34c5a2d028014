import { type Money, parseMoneyInput } from '@sx/core';
import { parseCategory, type TaskCategory } from './task-category.js';
import type { PostTaskInput } from '../generated/resolvers-types.js';
import { parseDescription, parseDueAt, parseLocation, parseTitle, type Location } from './task-fields.js';

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
