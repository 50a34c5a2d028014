import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataOf, newPoster, postTask, TASK_FIELDS, tasksCall, type ApiTask } from './task-api.js';

describe('Task entity', () => {
  it('resolves Task references by id, in order, with null for unknown and malformed ids', async () => {
    const poster = newPoster();
    const a = await postTask(poster, { title: 'Entity A' });
    const b = await postTask(poster, { title: 'Entity B', location: { lat: 35.6586, lng: 139.7454, address: 'Tokyo Tower' } });
    const res = await tasksCall<{ _entities: (ApiTask | null)[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { ${TASK_FIELDS} } } }`,
      {
        reps: [
          { __typename: 'Task', id: b.id },
          { __typename: 'Task', id: randomUUID() },
          { __typename: 'Task', id: a.id },
          { __typename: 'Task', id: 'bogus' },
        ],
      },
      poster,
    );
    expect(dataOf(res)._entities).toEqual([b, null, a, null]);
  });

  it('hands out the poster as a User reference for the users subgraph to resolve', async () => {
    const poster = newPoster();
    const task = await postTask(poster);
    const res = await tasksCall<{ _entities: { poster: { __typename: string; id: string } }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { poster { __typename id } } } }`,
      { reps: [{ __typename: 'Task', id: task.id }] },
    );
    expect(dataOf(res)._entities).toEqual([{ poster: { __typename: 'User', id: poster.userId } }]);
  });
});
