import { beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, stackInfo, subgraphGql, type TestUser } from '@sx/testkit';
import { post } from './edge-harness.js';

// F7, F8, F9 and part of F12 of issue 14: a client's mistake is a 4xx with a code that says
// what to fix, never INTERNAL_SERVER_ERROR; errors come once each, and a bounded number.

const url = () => stackInfo().gatewayUrl;
const POST_TASK = `mutation($title: String!, $dueAt: DateTime) {
  postTask(input: { title: $title, description: "A leaking kitchen tap", category: HANDYMAN, budget: { amount: 5000, currency: "USD" }, dueAt: $dueAt }) { id }
}`;

let poster: TestUser;
beforeAll(async () => {
  poster = await signUpUser({ roles: ['POSTER'] });
});

describe('which operation to run', () => {
  it('answers two operations without operationName with 400 OPERATION_NAME_REQUIRED naming them', async () => {
    const res = await post(url(), { query: 'query A { __typename } query B { __typename }' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OPERATION_NAME_REQUIRED' });
    expect(res.errors?.[0]?.message).toContain('A, B');
  });

  it('answers an operationName that is not in the document with 400 UNKNOWN_OPERATION_NAME', async () => {
    const res = await post(url(), { query: 'query A { __typename }', operationName: 'Nope' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_OPERATION_NAME' });
    expect(res.errors?.[0]?.message).toMatch(/"Nope".*holds A/);
  });

  it('answers a subscription over HTTP with 400, pointing at graphql-ws on the same URL', async () => {
    const res = await post(url(), { query: 'subscription { taskEvents(taskId: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { kind } }' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_OVER_HTTP' });
    expect(res.errors?.[0]?.message).toContain(`ws://${new URL(url()).host}/graphql`);
  });
});

describe('inputs no resolver should see', () => {
  it.each([
    ['"not-a-date"', 'not-a-date', /not an ISO-8601 date-time/],
    ['the number 12345', 12345, /must be a string/],
  ])('answers a dueAt of %s with 400 BAD_USER_INPUT naming it, and posts nothing', async (_what, dueAt, message) => {
    const res = await post(url(), { query: POST_TASK, variables: { title: 'Fix the tap', dueAt } }, { token: poster.accessToken });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  });

  it('answers a DateTime literal that is not one with 400 naming the field', async () => {
    const query = POST_TASK.replace('dueAt: $dueAt', 'dueAt: "2026-13-45"').replace(', $dueAt: DateTime', '');
    const res = await post(url(), { query, variables: { title: 'Fix the tap' } }, { token: poster.accessToken });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
  });

  it.each([
    ['a task title (variable)', POST_TASK, { title: 'Fix\u0000tap' }, 'title'],
    ['search text (literal)', '{ tasks(filter: { search: "ab\\u0000c" }) { edges { node { id } } } }', {}, 'search'],
    ['a profile name', 'mutation($n: String) { updateProfile(input: { name: $n }) { id } }', { n: 'Ana\u0000' }, 'name'],
    ['a bio with an escape character', 'mutation($b: String) { updateProfile(input: { bio: $b }) { id } }', { b: 'hi \u001b[31m' }, 'bio'],
  ])('answers a control character in %s with 400 CONTROL_CHARACTER naming the field', async (_what, query, variables, field) => {
    const res = await post(url(), { query, variables }, { token: poster.accessToken });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTER', field });
    expect(res.errors?.[0]?.message).toMatch(/control character \(U\+00[01][0-9A-F]\)/);
  });

  it('keeps tabs and line breaks, which text may hold', async () => {
    const res = await post(url(), { query: POST_TASK, variables: { title: 'Fix\tthe tap\r\nsoon' } }, { token: poster.accessToken });
    expect(res.errors).toBeUndefined();
  });

  it('refuses a NUL at a subgraph too, for a request that reaches it without the gateway check', async () => {
    const res = await subgraphGql('tasks', '{ tasks(filter: { search: "a\\u0000" }) { edges { node { id } } } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTER', field: 'search' });
  });
});

describe('the errors of one response', () => {
  it('gives 60 copies of one mistake once, with the count of what was left out', async () => {
    const res = await post(url(), { query: `{ __typename ${Array.from({ length: 60 }, () => '@include(if: true)').join(' ')} }` });
    expect(res.status).toBe(400);
    const messages = res.errors?.map((e) => e.message) ?? [];
    expect(messages.length).toBeLessThanOrEqual(11);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.filter((m) => m.includes('can only be used once'))).toHaveLength(1);
    expect(res.errors?.at(-1)?.extensions?.omittedErrors).toBeGreaterThanOrEqual(58);
  });

  it('caps distinct errors at MAX_RESPONSE_ERRORS (10)', async () => {
    const fields = Array.from({ length: 30 }, (_, i) => `nope${i}`).join(' ');
    const res = await post(url(), { query: `{ ${fields} }` });
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(11);
    expect(res.errors?.[10]?.extensions?.omittedErrors).toBe(20);
    expect(res.errors?.[10]?.message).toContain('20 more errors');
  });
});
