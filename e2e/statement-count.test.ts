import { describe, expect, it } from 'vitest';
import { eventually, gqlOk, signUpUser, statementsForOperation, uniqueOperationName } from '@sx/testkit';

const SERVICES = ['tasks', 'users'] as const;

// DataLoader batching across federation: a page of tasks with their posters costs the same
// number of SQL statements whatever its size (no N+1 in tasks or in users).
describe('a page of tasks with their posters, through the gateway', () => {
  it('costs the same number of SQL statements for 5 tasks as for 50', { timeout: 90_000 }, async () => {
    const posters = await Promise.all([0, 1, 2, 3, 4].map(() => signUpUser({ roles: ['POSTER'] })));
    const marker = `batch${Date.now().toString(36)}`;
    for (let i = 0; i < 50; i++) {
      const poster = posters[i % posters.length];
      await gqlOk(
        `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
        {
          input: {
            title: `Clean flat ${i}`,
            description: `windows ${marker}`,
            category: 'CLEANING',
            budget: { amount: 1000 + i, currency: 'USD' },
          },
        },
        { token: poster?.accessToken ?? '' },
      );
    }

    // The anonymous listing is read from the replica when there is one (STACK_CLUSTER=1), which
    // may lag the posts by a moment: measure once it shows them all.
    const listed = () => gqlOk<{ tasks: { edges: unknown[] } }>(`query($search: String) { tasks(first: 50, filter: { search: $search }) { edges { cursor } } }`, { search: marker });
    await eventually(listed, (data) => data.tasks.edges.length === 50, { what: 'the 50 tasks listed' });

    const statementsForPage = async (first: number) => {
      const name = uniqueOperationName(`Page${first}`);
      const data = await gqlOk<{ tasks: { edges: { node: { poster: { name: string } } }[] } }>(
        `query ${name}($first: Int, $search: String) {
           tasks(first: $first, filter: { search: $search }) { edges { node { title status poster { id name } } } }
         }`,
        { first, search: marker },
      );
      expect(data.tasks.edges).toHaveLength(first);
      expect(data.tasks.edges.every((e) => e.node.poster.name.startsWith('Test User'))).toBe(true);
      const counts = await Promise.all(SERVICES.map((s) => statementsForOperation(s, name)));
      return Object.fromEntries(SERVICES.map((s, i) => [s, counts[i]]));
    };

    const small = await statementsForPage(5);
    const large = await statementsForPage(50);
    expect(small.tasks).toBeGreaterThan(0);
    expect(small.users).toBeGreaterThan(0);
    expect(large).toEqual(small);
  });
});
