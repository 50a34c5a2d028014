import { isUuid } from '@sx/core';
import type { Caller } from '@sx/events';
import { findTaskOfQuestion, lockQuestion, writeAnswer } from '../db/question-queries.js';
import type { QuestionRow } from '../db/question-tables.js';
import type { TasksDeps } from '../deps.js';
import { assertCanAnswer, questionNotFound } from '../domain/public-question.js';
import { recordQuestionAnswered } from '../events/question-events.js';

export interface AnswerQuestionCommand {
  caller: Caller;
  questionId: string;
  /** Parsed by domain/public-question.ts. */
  text: string;
}

/** The task's poster answers a question, once: the question's row lock makes a second answer see the first. */
export function answerQuestion(deps: TasksDeps, command: AnswerQuestionCommand): Promise<QuestionRow> {
  const { caller, questionId, text } = command;
  if (!isUuid(questionId)) throw questionNotFound(questionId);
  return deps.db.transaction(async (tx) => {
    const question = await lockQuestion(tx, questionId);
    if (!question) throw questionNotFound(questionId);
    const task = await findTaskOfQuestion(tx, question.taskId);
    if (!task) throw new Error(`question ${questionId} belongs to no task`);
    assertCanAnswer(question, task, caller.userId);
    const answered = await writeAnswer(tx, questionId, text);
    await recordQuestionAnswered(tx, { ...answered, answer: text }, task.posterId, caller.actor);
    return answered;
  });
}
