import { requireCaller } from '@sx/events';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import { answerQuestion } from '../commands/answer-question.js';
import { askQuestion } from '../commands/ask-question.js';
import type { TasksDeps } from '../deps.js';
import { ANSWER_MAX_CHARS, parseQuestionText, QUESTION_MAX_CHARS } from '../domain/public-question.js';
import { canSeeTask, viewerOf } from '../domain/task-visibility.js';
import { taskSeenBy } from '../domain/withheld-task.js';
import type { MutationResolvers, QuestionResolvers, TaskResolvers } from '../generated/resolvers-types.js';

/** askQuestion and answerQuestion: parse the input, run the command, log the outcome. */
export function questionMutations(deps: TasksDeps): Pick<MutationResolvers, 'askQuestion' | 'answerQuestion'> {
  return {
    askQuestion: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity);
      const question = await askQuestion(deps, { caller, taskId: input.taskId, text: parseQuestionText(input.text, QUESTION_MAX_CHARS) });
      ctx.log.info({ questionId: question.id, taskId: question.taskId }, 'question asked');
      return question;
    },
    answerQuestion: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity);
      const question = await answerQuestion(deps, { caller, questionId: input.questionId, text: parseQuestionText(input.text, ANSWER_MAX_CHARS) });
      ctx.log.info({ questionId: question.id, taskId: question.taskId }, 'question answered');
      return question;
    },
  };
}

export const questionFields: QuestionResolvers = {
  task: async (question, _args, ctx) => {
    const task = await ctx.loaders.task.load(question.taskId);
    if (!task) throw new Error(`question ${question.id} belongs to no task`);
    return taskSeenBy(viewerOf(ctx.identity), task);
  },
  asker: (question) => ({ id: question.askerId }),
};

/** Task.questions: public, so the same page for every caller who may see the task. */
export const taskQuestionsField: Pick<TaskResolvers, 'questions'> = {
  questions: async (task, args, ctx) => {
    const page = parseTimePageArgs(args);
    // Questions and answers are the task's content too: withheld with it (a hidden task reached
    // through a review or a bid), as an empty page.
    const rows = canSeeTask(viewerOf(ctx.identity), task) ? await ctx.loaders.questionPage(task.id, page) : [];
    return toConnection(rows, page.limit, timePosition);
  },
};
