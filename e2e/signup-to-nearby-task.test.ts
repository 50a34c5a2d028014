import { describe, expect, it } from 'vitest';
import { gql, gqlOk, signUpUser } from '@sx/testkit';

// The walking skeleton end to end, through the gateway only: an account, a task near a place,
// and the task's poster resolved across subgraphs.
describe('sign up → sign in → post a task → find it nearby → see its poster', () => {
  it('walks the whole path through the gateway', async () => {
    const poster = await signUpUser({ roles: ['POSTER'], name: 'Paula Poster' });

    const signIn = await gqlOk<{ signIn: { accessToken: string; user: { id: string; name: string } } }>(
      `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken user { id name } } }`,
      { email: poster.email.toUpperCase(), password: poster.password },
    );
    expect(signIn.signIn.user).toEqual({ id: poster.id, name: 'Paula Poster' });
    const token = signIn.signIn.accessToken;

    // Near Berlin's Brandenburg Gate; a second task in Potsdam (~27 km) must not match a 5 km radius.
    const near = { lat: 52.5163, lng: 13.3777 };
    const posted = await gqlOk<{ postTask: { id: string; status: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id status } }`,
      {
        input: {
          title: 'Assemble a wardrobe',
          description: 'Flat-pack wardrobe, two doors, tools provided.',
          category: 'HANDYMAN',
          budget: { amount: 8_000, currency: 'EUR' },
          location: { lat: 52.5200, lng: 13.3850, address: 'Unter den Linden 1, Berlin' },
        },
      },
      { token },
    );
    expect(posted.postTask.status).toBe('OPEN');
    await gqlOk(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: 'Mow a lawn in Potsdam',
          category: 'GARDENING',
          budget: { amount: 3_000, currency: 'EUR' },
          location: { lat: 52.3906, lng: 13.0645 },
        },
      },
      { token },
    );

    const found = await gqlOk<{ tasks: { edges: { node: { id: string; title: string } }[] } }>(
      `query($filter: TaskFilter) { tasks(filter: $filter, first: 10) { edges { node { id title } } } }`,
      { filter: { near: { ...near, radiusKm: 5 }, posterId: poster.id } },
    );
    expect(found.tasks.edges.map((e) => e.node.id)).toEqual([posted.postTask.id]);

    const task = await gqlOk<{ task: { title: string; poster: { id: string; name: string } } }>(
      `query($id: ID!) { task(id: $id) { title poster { id name } } }`,
      { id: posted.postTask.id },
    );
    expect(task.task).toEqual({ title: 'Assemble a wardrobe', poster: { id: poster.id, name: 'Paula Poster' } });
  });

  it('answers bad input through the gateway with a code and no stack trace', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const res = await gql(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Free work', category: 'OTHER', budget: { amount: 0, currency: 'USD' } } },
      { token: poster.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    const mine = await gqlOk<{ tasks: { edges: unknown[] } }>(
      `query($id: ID!) { tasks(filter: { posterId: $id }) { edges { cursor } } }`,
      { id: poster.id },
    );
    expect(mine.tasks.edges).toEqual([]);
  });
});
