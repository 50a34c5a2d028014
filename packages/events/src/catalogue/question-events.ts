import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

// Public questions on open tasks (tasks subgraph). Texts travel with the events so notifications
// can quote them without reading the tasks schema.

/** Someone asked a public question on an OPEN task; the poster is told. */
export const questionAsked = defineEvent({
  type: 'tasks.question.asked',
  schema: z.object({ questionId: uuid, taskId: uuid, posterId: uuid, askerId: uuid, text: z.string() }),
  aggregateId: (d) => d.taskId,
});

/** The poster answered a question; the asker is told. */
export const questionAnswered = defineEvent({
  type: 'tasks.question.answered',
  schema: z.object({ questionId: uuid, taskId: uuid, posterId: uuid, askerId: uuid, answer: z.string() }),
  aggregateId: (d) => d.taskId,
});

export const QUESTION_EVENTS = [questionAsked, questionAnswered];
