import { BadUserInput, Conflict, Forbidden, NotFound } from '@sx/core';
import { describeStatus, type TaskStatus } from './task-status.js';
import { isHidden, type HidingState } from './task-visibility.js';

export const QUESTION_MAX_CHARS = 1000;
export const ANSWER_MAX_CHARS = 2000;

// Code points, as Postgres char_length counts them, so the database check agrees with us.
const charCount = (text: string) => [...text].length;

/** A question's or an answer's text (input field `text`): trimmed, not empty, within its limit. */
export function parseQuestionText(raw: string, maxChars: number): string {
  const field = 'text';
  const text = raw.trim();
  const chars = charCount(text);
  if (chars === 0) throw new BadUserInput('INVALID_INPUT', `${field} must not be empty.`, { field });
  if (chars > maxChars) throw new BadUserInput('INVALID_INPUT', `${field} may be at most ${maxChars} characters long (it has ${chars}).`, { field });
  return text;
}

/**
 * A hidden task's questions and answers would carry its content to people it is hidden from
 * (the asker's notification quotes the answer), so it takes neither while hidden.
 */
function assertNotHidden(task: HidingState, what: string): void {
  if (isHidden(task)) throw new Conflict('TASK_HIDDEN_BY_ADMIN', `An administrator took this task out of the listings; it takes no ${what} while hidden.`);
}

/** Anyone signed in but the poster may ask, while the task takes bids and is not hidden. */
export function assertCanAsk(task: { posterId: string; status: TaskStatus } & HidingState, askerId: string): void {
  assertNotHidden(task, 'questions');
  if (task.posterId === askerId) {
    throw new Forbidden('OWN_TASK_QUESTION', 'You posted this task; answer the questions on it instead of asking one.');
  }
  if (task.status !== 'OPEN') {
    throw new Conflict('TASK_NOT_OPEN', `This task is ${describeStatus(task.status)}; questions are taken only while it is open.`, {
      taskStatus: task.status,
    });
  }
}

export function questionNotFound(id: string): NotFound {
  return new NotFound('QUESTION_NOT_FOUND', `There is no question with id "${id}".`);
}

/** Only the task's poster answers, once per question, while the task is not hidden. */
export function assertCanAnswer(question: { answer: string | null }, task: { posterId: string } & HidingState, callerId: string): void {
  if (task.posterId !== callerId) throw new Forbidden('NOT_TASK_POSTER', 'Only the person who posted this task can answer its questions.');
  assertNotHidden(task, 'answers');
  if (question.answer !== null) throw new Conflict('QUESTION_ALREADY_ANSWERED', 'You have already answered this question.');
}
