import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { statementsForOperation, uniqueOperationName } from '@sx/testkit';
import { dataOf, newPoster, postTask, tasksCall, type Caller } from './task-api.js';

const TASKS = 50;
const POSTERS = 5;
// Counted per operation name: other test files calling this service at the same time, and
// the service's own background work, do not disturb the count.
async function statementsFor(query: string, variables: Record<string, unknown>, expectRows: (data: unknown) => void): Promise<number> {
  const name = uniqueOperationName('Counted');
  const data = dataOf(await tasksCall(query.replace(/^query\(/, `query ${name}(`), variables));
  expectRows(data);
  return statementsForOperation('tasks', name);
}

describe('SQL statements per page', () => {
  // A word no other test uses isolates this test's tasks from everything else in the database.
  const marker = `counted${randomUUID().replaceAll('-', '')}`;
  let ids: string[] = [];

  beforeAll(async () => {
    const posters: Caller[] = Array.from({ length: POSTERS }, newPoster);
    for (let i = 0; i < TASKS; i++) {
      const poster = posters[i % POSTERS] as Caller;
      ids.push((await postTask(poster, { title: `Counted task ${i}`, description: `Marker ${marker}.` })).id);
    }
    ids = ids.reverse();
  });

  it('lists 5 or 50 tasks with their posters in the same single statement', async () => {
    const query = `query($filter: TaskFilter, $first: Int) {
      tasks(filter: $filter, first: $first) { edges { node { title status poster { id } } } }
    }`;
    const rowsOf = (n: number) => (data: unknown) => expect((data as { tasks: { edges: unknown[] } }).tasks.edges).toHaveLength(n);
    const forFive = await statementsFor(query, { filter: { search: marker }, first: 5 }, rowsOf(5));
    const forFifty = await statementsFor(query, { filter: { search: marker }, first: 50 }, rowsOf(50));
    expect(forFifty).toBe(forFive);
    expect(forFive).toBe(1);
  });

  it('resolves 5 or 50 Task entities in the same single statement', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { title status poster { id } } } }`;
    const reps = (n: number) => ids.slice(0, n).map((id) => ({ __typename: 'Task', id }));
    const rowsOf = (n: number) => (data: unknown) => {
      const entities = (data as { _entities: ({ title: string } | null)[] })._entities;
      expect(entities).toHaveLength(n);
      expect(entities.every((e) => e?.title.startsWith('Counted task'))).toBe(true);
    };
    const forFive = await statementsFor(query, { reps: reps(5) }, rowsOf(5));
    const forFifty = await statementsFor(query, { reps: reps(50) }, rowsOf(50));
    expect(forFifty).toBe(forFive);
    expect(forFive).toBe(1);
  });
});
