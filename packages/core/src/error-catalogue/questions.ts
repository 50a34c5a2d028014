import type { ReasonEntry } from './codes.js';

/** Refusals of public questions on tasks (tasks subgraph). */
export const QUESTIONS_REASONS = {
  QUESTION_NOT_FOUND: { code: 'NOT_FOUND', description: 'No question has this id.' },
  OWN_TASK_QUESTION: { code: 'FORBIDDEN', description: 'A poster answers questions on their own task rather than asking them.' },
  QUESTION_ALREADY_ANSWERED: { code: 'CONFLICT', description: 'The poster has already answered this question; an answer is given once.' },
} as const satisfies Record<string, ReasonEntry>;
