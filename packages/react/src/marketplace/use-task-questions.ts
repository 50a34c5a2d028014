import { AnswerQuestionDocument, AskQuestionDocument, getFragmentData, QuestionDetailFragmentDoc, TaskQuestionsDocument, type QuestionDetailFragment, type SxError } from '@sx/sdk';
import { useCallback } from 'react';
import { useMutation } from '../use-mutation.js';
import { useQuery } from '../use-query.js';

/** The task page shows the newest questions; older ones wait for a later page. */
export const QUESTIONS_PAGE_SIZE = 20;

export type Question = Omit<QuestionDetailFragment, ' $fragmentName'>;

export interface TaskQuestions {
  /** Newest first. */
  questions: Question[];
  error: SxError | null;
  /** Asks a public question (not the poster), then fetches the list again. */
  ask(text: string): Promise<boolean>;
  /** Answers a question (the poster), then fetches the list again. */
  answer(questionId: string, text: string): Promise<boolean>;
  sending: boolean;
  sendError: SxError | null;
}

/** A task's public questions and answers, and the ask and answer actions. */
export function useTaskQuestions(taskId: string): TaskQuestions {
  const query = useQuery(TaskQuestionsDocument, { taskId, first: QUESTIONS_PAGE_SIZE });
  const [askMutation, asking] = useMutation(AskQuestionDocument);
  const [answerMutation, answering] = useMutation(AnswerQuestionDocument);
  const { refresh } = query;
  const ask = useCallback(
    async (text: string) => {
      const result = await askMutation({ input: { taskId, text } });
      if (result.ok) await refresh();
      return result.ok;
    },
    [askMutation, refresh, taskId],
  );
  const answer = useCallback(
    async (questionId: string, text: string) => {
      const result = await answerMutation({ input: { questionId, text } });
      if (result.ok) await refresh();
      return result.ok;
    },
    [answerMutation, refresh],
  );
  return {
    questions: (query.data?.task?.questions.edges ?? []).map((edge) => getFragmentData(QuestionDetailFragmentDoc, edge.node)),
    error: query.error,
    ask,
    answer,
    sending: asking.loading || answering.loading,
    sendError: asking.error ?? answering.error,
  };
}
