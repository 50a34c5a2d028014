import { describe, expect, it } from 'vitest';
import { errorCode, gql, gqlOk, postTaskAs, sharedAdmin, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';
import { waitForKinds } from './notifications-api.js';

// Public questions on open tasks, through the gateway: anyone signed in but the poster asks,
// everyone (anonymous callers too) reads, the poster answers once, and notifications tell the
// poster of a question and the asker of the answer.

interface ApiQuestion {
  id: string;
  text: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  asker: { id: string } | null;
  task: { id: string };
}

interface QuestionPage {
  edges: { cursor: string; node: ApiQuestion }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const QUESTION = 'id text answer answeredAt createdAt asker { id } task { id }';
const as = (user: TestUser | null) => (user ? { token: user.accessToken } : {});

const ask = (user: TestUser | null, taskId: string, text: string): Promise<GraphQLResponse<{ askQuestion: ApiQuestion }>> =>
  gql(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { ${QUESTION} } }`, { input: { taskId, text } }, as(user));

const answer = (user: TestUser | null, questionId: string, text: string): Promise<GraphQLResponse<{ answerQuestion: ApiQuestion }>> =>
  gql(`mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { ${QUESTION} } }`, { input: { questionId, text } }, as(user));

async function askOk(user: TestUser, taskId: string, text: string): Promise<ApiQuestion> {
  const res = await ask(user, taskId, text);
  if (res.errors || !res.data) throw new Error(`askQuestion failed: ${JSON.stringify(res.errors)}`);
  return res.data.askQuestion;
}

async function questionsSeenBy(viewer: TestUser | null, taskId: string, first = 10, after: string | null = null): Promise<QuestionPage> {
  const data = await gqlOk<{ task: { questions: QuestionPage } }>(
    `query($id: ID!, $first: Int, $after: String) { task(id: $id) { questions(first: $first, after: $after) { edges { cursor node { ${QUESTION} } } pageInfo { hasNextPage endCursor } } } }`,
    { id: taskId, first, after },
    as(viewer),
  );
  return data.task.questions;
}

const reasonOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.reason;

describe('public questions on open tasks', () => {
  it('lets a tasker ask, everyone read, the poster answer once, and notifies both sides', async () => {
    const [poster, tasker, other] = await Promise.all([
      signUpUser({ roles: ['POSTER'], name: 'Quinn Poster' }),
      signUpUser({ roles: ['TASKER'], name: 'Ada Asker' }),
      signUpUser({ name: 'Otto Other' }),
    ]);
    const taskId = await postTaskAs(poster, { title: 'Paint a fence' });

    const question = await askOk(tasker, taskId, '  Is the paint provided?  ');
    expect(question).toMatchObject({ text: 'Is the paint provided?', answer: null, answeredAt: null, asker: { id: tasker.id }, task: { id: taskId } });
    for (const viewer of [poster, tasker, other, null]) {
      expect((await questionsSeenBy(viewer, taskId)).edges.map((e) => e.node)).toEqual([question]);
    }
    const [asked] = await waitForKinds(poster, ['QUESTION_ASKED']);
    expect(asked).toMatchObject({ title: 'New question on your task', task: { id: taskId, title: 'Paint a fence' } });
    expect(asked?.body).toContain('“Is the paint provided?”');

    const notPoster = await answer(other, question.id, 'Yes.');
    expect(errorCode(notPoster)).toBe('FORBIDDEN');
    expect(reasonOf(notPoster)).toBe('NOT_TASK_POSTER');

    const answered = await answer(poster, question.id, 'Yes, two tins of white.');
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.answerQuestion).toMatchObject({ id: question.id, answer: 'Yes, two tins of white.' });
    expect(answered.data?.answerQuestion.answeredAt).not.toBeNull();
    expect((await questionsSeenBy(null, taskId)).edges.map((e) => e.node)).toEqual([answered.data?.answerQuestion]);

    const again = await answer(poster, question.id, 'Actually, no.');
    expect(errorCode(again)).toBe('CONFLICT');
    expect(reasonOf(again)).toBe('QUESTION_ALREADY_ANSWERED');
    expect((await questionsSeenBy(null, taskId)).edges[0]?.node.answer).toBe('Yes, two tins of white.');

    const [told] = await waitForKinds(tasker, ['QUESTION_ANSWERED']);
    expect(told).toMatchObject({ title: 'Your question was answered', task: { id: taskId } });
    expect(told?.body).toContain('“Yes, two tins of white.”');
  });

  it('pages through the questions of a task, newest first', async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster);
    const asked: ApiQuestion[] = [];
    for (const text of ['First?', 'Second?', 'Third?']) asked.push(await askOk(tasker, taskId, text));

    const first = await questionsSeenBy(null, taskId, 2);
    expect(first.edges.map((e) => e.node.text)).toEqual(['Third?', 'Second?']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]?.cursor });
    const second = await questionsSeenBy(null, taskId, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.text)).toEqual(['First?']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(errorCode(await gql(`query($id: ID!) { task(id: $id) { questions(first: 101) { edges { cursor } } } }`, { id: taskId }))).toBe('BAD_USER_INPUT');
  });

  it('refuses questions from anonymous callers, from the poster, with an empty text, and on tasks no longer open; and writes nothing', async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster);

    expect(errorCode(await ask(null, taskId, 'Hello?'))).toBe('UNAUTHENTICATED');
    const own = await ask(poster, taskId, 'Anyone?');
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect(reasonOf(own)).toBe('OWN_TASK_QUESTION');
    const blank = await ask(tasker, taskId, '   ');
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0]?.message).toContain('text must not be empty');
    expect(errorCode(await ask(tasker, taskId, 'x'.repeat(1001)))).toBe('BAD_USER_INPUT');
    expect(reasonOf(await ask(tasker, '00000000-0000-4000-8000-000000000000', 'Hello?'))).toBe('TASK_NOT_FOUND');
    expect(reasonOf(await answer(poster, '00000000-0000-4000-8000-000000000000', 'Yes.'))).toBe('QUESTION_NOT_FOUND');
    expect(reasonOf(await answer(poster, 'not-an-id', 'Yes.'))).toBe('QUESTION_NOT_FOUND');

    await gqlOk(`mutation($id: ID!) { cancelTask(id: $id) { id } }`, { id: taskId }, as(poster));
    const closed = await ask(tasker, taskId, 'Still available?');
    expect(errorCode(closed)).toBe('CONFLICT');
    expect(reasonOf(closed)).toBe('TASK_NOT_OPEN');
    expect((await questionsSeenBy(null, taskId)).edges).toEqual([]);
  });

  it('takes no questions and no answers while an administrator hides the task, and takes them again once it is shown', async () => {
    const [admin, poster, tasker, other] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] }), signUpUser({ roles: ['TASKER'] })]);
    const taskId = await postTaskAs(poster);
    const asked = await askOk(tasker, taskId, 'Is the ladder included?');
    await gqlOk('mutation($id: ID!) { hideTask(taskId: $id, reason: "Prohibited item") { id } }', { id: taskId }, as(admin));

    // The answer would reach the asker (their notification quotes it) while the task is hidden from them.
    const hiddenAnswer = await answer(poster, asked.id, 'Yes, and the address is on the door.');
    expect(errorCode(hiddenAnswer)).toBe('CONFLICT');
    expect(reasonOf(hiddenAnswer)).toBe('TASK_HIDDEN_BY_ADMIN');
    const hiddenAsk = await ask(other, taskId, 'Still available?');
    expect(errorCode(hiddenAsk)).toBe('CONFLICT');
    expect(reasonOf(hiddenAsk)).toBe('TASK_HIDDEN_BY_ADMIN');
    // Nothing was written: the poster (who still sees the hidden task) finds one unanswered question.
    expect((await questionsSeenBy(poster, taskId)).edges.map((e) => [e.node.text, e.node.answer])).toEqual([['Is the ladder included?', null]]);

    await gqlOk('mutation($id: ID!) { unhideTask(taskId: $id) { id } }', { id: taskId }, as(admin));
    expect((await answer(poster, asked.id, 'Yes.')).data?.answerQuestion.answer).toBe('Yes.');
    expect((await askOk(other, taskId, 'Which floor?')).text).toBe('Which floor?');
  });
});
