import type { Caller } from '@sx/events';
import { insertQuestion } from '../db/question-queries.js';
import type { QuestionRow } from '../db/question-tables.js';
import type { TasksDeps } from '../deps.js';
import { assertCanAsk } from '../domain/public-question.js';
import { recordQuestionAsked } from '../events/question-events.js';
import { inLockedTask } from './locked-task.js';

export interface AskQuestionCommand {
  caller: Caller;
  taskId: string;
  /** Parsed by domain/public-question.ts. */
  text: string;
}

/**
 * Someone asks a public question on an OPEN task. Under the task's row lock, so a question never
 * lands on a task that an assignment or a cancel has just closed.
 */
export function askQuestion(deps: TasksDeps, command: AskQuestionCommand): Promise<QuestionRow> {
  const { caller, taskId, text } = command;
  return inLockedTask(deps, taskId, async (tx, task) => {
    assertCanAsk(task, caller.userId);
    const question = await insertQuestion(tx, { taskId, askerId: caller.userId, text });
    await recordQuestionAsked(tx, question, task.posterId, caller.actor);
    return question;
  });
}
