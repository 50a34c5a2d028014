import { appendEvent, questionAnswered, questionAsked, type Actor, type Executor } from '@sx/events';
import type { QuestionRow } from '../db/question-tables.js';
import { outbox } from '../db/tables.js';
import { SERVICE } from './task-events.js';

/** Written in the transaction that stored the question; notifications tells the poster. */
export function recordQuestionAsked(tx: Executor, question: QuestionRow, posterId: string, actor: Actor) {
  const { id: questionId, taskId, askerId, text } = question;
  return appendEvent(tx, outbox, questionAsked, { questionId, taskId, posterId, askerId, text }, { service: SERVICE, actor });
}

/** Written in the transaction that stored the answer; notifications tells the asker. */
export function recordQuestionAnswered(tx: Executor, question: QuestionRow & { answer: string }, posterId: string, actor: Actor) {
  const { id: questionId, taskId, askerId, answer } = question;
  return appendEvent(tx, outbox, questionAnswered, { questionId, taskId, posterId, askerId, answer }, { service: SERVICE, actor });
}
