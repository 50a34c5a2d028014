import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import { questions, type QuestionRow } from './question-tables.js';
import type { HidingState } from '../domain/task-visibility.js';
import { tasks } from './tables.js';

export async function findQuestionsByIds(db: Db, ids: readonly string[]): Promise<QuestionRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(questions).where(inArray(questions.id, valid));
}

/** One task's questions, newest first, keyset-paginated on (created_at, id): `limit + 1` rows at most. */
export async function pageQuestions(db: Db, taskId: string, page: TimePageRequest): Promise<QuestionRow[]> {
  if (!isUuid(taskId)) return [];
  const filters: SQL[] = [eq(questions.taskId, taskId)];
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(questions.createdAt, at), and(eq(questions.createdAt, at), lt(questions.id, id)));
    if (before) filters.push(before);
  }
  return db
    .select()
    .from(questions)
    .where(and(...filters))
    .orderBy(desc(questions.createdAt), desc(questions.id))
    .limit(page.limit + 1);
}

export async function insertQuestion(tx: Tx, question: { taskId: string; askerId: string; text: string }): Promise<QuestionRow> {
  const [row] = await tx.insert(questions).values(question).returning();
  if (!row) throw new Error(`question on task ${question.taskId} was not written`);
  return row;
}

/** The question under its row lock, so two answers cannot both see it unanswered. */
export async function lockQuestion(tx: Tx, id: string): Promise<QuestionRow | null> {
  const [row] = await tx.select().from(questions).where(eq(questions.id, id)).for('update');
  return row ?? null;
}

export async function writeAnswer(tx: Tx, id: string, answer: string): Promise<QuestionRow> {
  const [row] = await tx.update(questions).set({ answer, answeredAt: new Date() }).where(eq(questions.id, id)).returning();
  if (!row) throw new Error(`answer to question ${id} was not written`);
  return row;
}

/** Who posted the task (it never changes, so no lock is needed); null for an unknown task. */
/** The task's poster and moderation state, which decide who may answer its questions. */
export async function findTaskOfQuestion(tx: Tx, taskId: string): Promise<({ posterId: string } & HidingState) | null> {
  const [row] = await tx.select({ posterId: tasks.posterId, hiddenAt: tasks.hiddenAt, posterSuspended: tasks.posterSuspended }).from(tasks).where(eq(tasks.id, taskId));
  return row ?? null;
}
