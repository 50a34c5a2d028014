import { describe, expect, it } from 'vitest';
import { dbQueriesDuring, subgraphGql } from '@sx/testkit';
import { newUser } from './accounts.js';

const USER_FIELDS = 'id name roles bio skills createdAt email';

function entities(ids: string[], identity = {}) {
  return subgraphGql<{ _entities: ({ id: string; name: string; email: string | null } | null)[] }>(
    'users',
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id name email } } }`,
    { reps: ids.map((id) => ({ __typename: 'User', id })) },
    identity,
  );
}

describe('User entity', () => {
  it('resolves three users in the order asked, with one SQL statement', async () => {
    const users = await Promise.all([newUser({ name: 'A' }), newUser({ name: 'B' }), newUser({ name: 'C' })]);
    const ids = [users[2], users[0], users[1]].map((u) => u!.session.user.id);

    const { result, queries } = await dbQueriesDuring('users', () => entities(ids));
    expect(result.data?._entities.map((u) => u?.name)).toEqual(['C', 'A', 'B']);
    expect(queries).toBe(1);
  });

  it('resolves an unknown or malformed id to null', async () => {
    const res = await entities(['00000000-0000-4000-8000-000000000000', 'not-a-uuid']);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([null, null]);

    const byQuery = await subgraphGql<{ a: unknown; b: unknown }>('users', `{ a: user(id: "not-a-uuid") { id } b: user(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(byQuery.errors).toBeUndefined();
    expect(byQuery.data).toEqual({ a: null, b: null });
  });

  it('shows the email to the user themself and to an ADMIN, through user and _entities', async () => {
    const { email, session, identity } = await newUser();
    const id = session.user.id;
    const admin = { userId: '99999999-9999-4999-8999-999999999999', roles: ['ADMIN' as const] };

    for (const viewer of [identity, admin]) {
      const res = await subgraphGql<{ user: { email: string } }>('users', `query($id: ID!) { user(id: $id) { email } }`, { id }, viewer);
      expect(res.data?.user.email).toBe(email);
      expect((await entities([id], viewer)).data?._entities[0]?.email).toBe(email);
    }
  });

  it('hides the email from another user and from anonymous callers, through user and _entities', async () => {
    const { session } = await newUser();
    const { identity: otherUser } = await newUser();
    const id = session.user.id;

    for (const viewer of [otherUser, {}]) {
      const res = await subgraphGql<{ user: { id: string; name: string; email: string | null } }>(
        'users',
        `query($id: ID!) { user(id: $id) { id name email } }`,
        { id },
        viewer,
      );
      expect(res.data?.user).toEqual({ id, name: 'Test Person', email: null });
      expect((await entities([id], viewer)).data?._entities[0]).toEqual({ id, name: 'Test Person', email: null });
    }
  });

  it('answers me with null for an anonymous caller and the full user for a signed-in one', async () => {
    const anonymous = await subgraphGql('users', '{ me { id } }');
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data).toEqual({ me: null });

    const { email, session, identity } = await newUser({ roles: ['TASKER'] });
    const res = await subgraphGql<{ me: Record<string, unknown> }>('users', `{ me { ${USER_FIELDS} } }`, {}, identity);
    expect(res.data?.me).toMatchObject({ id: session.user.id, name: 'Test Person', roles: ['TASKER'], bio: null, skills: [], email });
    expect(new Date(String(res.data?.me.createdAt)).getTime()).toBeLessThanOrEqual(Date.now());
  });
});
