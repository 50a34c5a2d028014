import { sql } from 'drizzle-orm';
import { check, foreignKey, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tasks, tasksSchema } from './tables.js';

// Millisecond precision: keyset cursors carry created_at as a JS Date.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A public question someone asked on an open task, and the poster's answer once given. */
export const questions = tasksSchema.table(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    askerId: uuid('asker_id').notNull(),
    text: text('text').notNull(),
    answer: text('answer'),
    answeredAt: timestampMs('answered_at'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    // The same limits the domain checks (domain/question-text.ts).
    check('questions_text_length', sql`char_length(${t.text}) BETWEEN 1 AND 1000`),
    check('questions_answer_length', sql`${t.answer} IS NULL OR char_length(${t.answer}) BETWEEN 1 AND 2000`),
    check('questions_answered_together', sql`(${t.answer} IS NULL) = (${t.answeredAt} IS NULL)`),
    foreignKey({ name: 'questions_task_fk', columns: [t.taskId], foreignColumns: [tasks.id] }),
    // Task.questions: one task's questions, newest first.
    index('questions_task_created_idx').on(t.taskId, t.createdAt, t.id),
  ],
);

export type QuestionRow = typeof questions.$inferSelect;
