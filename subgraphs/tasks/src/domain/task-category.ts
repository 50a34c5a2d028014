import { BadUserInput } from '@sx/core';

/** The fixed list taskers browse by (also the `TaskCategory` enum of the SDL and the database). */
export const TASK_CATEGORIES = ['CLEANING', 'MOVING', 'HANDYMAN', 'DELIVERY', 'GARDENING', 'TECH', 'OTHER'] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

export function parseCategory(raw: string, field: string): TaskCategory {
  if ((TASK_CATEGORIES as readonly string[]).includes(raw)) return raw as TaskCategory;
  throw new BadUserInput('INVALID_INPUT', `${field} "${raw}" is not a category; use one of ${TASK_CATEGORIES.join(', ')}.`);
}
