import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, postTaskAs, sharedAdmin, signUpUser } from '@sx/testkit';

// Every administrators' path, refused for a signed-in non-admin (FORBIDDEN, ROLE_REQUIRED) and
// for an anonymous caller (UNAUTHENTICATED), with nothing changed; and allowed for an admin.
const ADMIN_OPERATIONS: { name: string; query: string; variables: (ids: { userId: string; taskId: string }) => Record<string, unknown> }[] = [
  { name: 'suspendUser', query: 'mutation($id: ID!) { suspendUser(userId: $id, reason: "spam") { id } }', variables: ({ userId }) => ({ id: userId }) },
  { name: 'unsuspendUser', query: 'mutation($id: ID!) { unsuspendUser(userId: $id) { id } }', variables: ({ userId }) => ({ id: userId }) },
  { name: 'hideTask', query: 'mutation($id: ID!) { hideTask(taskId: $id, reason: "spam") { id } }', variables: ({ taskId }) => ({ id: taskId }) },
  { name: 'unhideTask', query: 'mutation($id: ID!) { unhideTask(taskId: $id) { id } }', variables: ({ taskId }) => ({ id: taskId }) },
  { name: 'users', query: '{ users(first: 1) { edges { node { id } } } }', variables: () => ({}) },
  { name: 'auditLog', query: '{ auditLog(first: 1) { edges { node { id } } } }', variables: () => ({}) },
  { name: 'userWallets', query: 'query($id: ID!) { userWallets(userId: $id) { balance { amount } } }', variables: ({ userId }) => ({ id: userId }) },
  { name: 'platformStats', query: '{ platformStats { signUps } }', variables: () => ({}) },
  { name: 'topTasks', query: '{ topTasks(period: WEEK) { edges { node { price { amount } } } } }', variables: () => ({}) },
  { name: 'topTaskers', query: '{ topTaskers { edges { node { tasksPaid } } } }', variables: () => ({}) },
  { name: 'openDisputes', query: '{ openDisputes(first: 1) { edges { node { id } } } }', variables: () => ({}) },
];

describe('administrators only', { timeout: 120_000 }, () => {
  it.each(ADMIN_OPERATIONS.map((op) => [op.name, op] as const))('%s refuses a non-admin and an anonymous caller, and changes nothing', async (_name, op) => {
    const [someone, poster] = await Promise.all([signUpUser(), signUpUser({ roles: ['POSTER'] })]);
    const taskId = await postTaskAs(poster, { title: `Kept visible ${randomUUID().slice(0, 8)}` });
    const variables = op.variables({ userId: poster.id, taskId });

    const asUser = await gql(op.query, variables, { token: someone.accessToken });
    expect(asUser.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'ADMIN' });
    expect(asUser.data ?? null).toBeNull();
    const anonymous = await gql(op.query, variables);
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NOT_SIGNED_IN' });

    // Nothing changed: the poster still signs in and the task is still listed to everyone.
    await gqlOk('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }', { e: poster.email, p: poster.password });
    const seen = await gqlOk<{ task: { id: string; hidden: boolean } | null }>('query($id: ID!) { task(id: $id) { id hidden } }', { id: taskId });
    expect(seen.task).toEqual({ id: taskId, hidden: false });
  });

  it.each(ADMIN_OPERATIONS.map((op) => [op.name, op] as const))('%s answers an administrator', async (_name, op) => {
    const [admin, poster] = await Promise.all([sharedAdmin(), signUpUser({ roles: ['POSTER'] })]);
    const taskId = await postTaskAs(poster);
    // users must know the poster before a suspension, tasks the task before hiding: both are synchronous here.
    const res = await eventually(
      () => gql(op.query, op.variables({ userId: poster.id, taskId }), { token: admin.accessToken }),
      (r) => r.errors?.[0]?.extensions?.retryable !== true,
      { what: `${op.name} as an admin` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeTruthy();
  });
});
