import { afterAll, describe, expect, it } from 'vitest';
import { errorCode, subgraphGql } from '@sx/testkit';
import { newUser } from './accounts.js';
import { openUsersDb } from './users-db.js';

const db = openUsersDb();
afterAll(() => db.close());

const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id name bio skills email } }`;

describe('updateProfile', () => {
  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const res = await subgraphGql('users', UPDATE, { input: { name: 'Anyone' } });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('changes only the fields given', async () => {
    const { email, session, identity } = await newUser({ name: 'Before' });
    const first = await subgraphGql<{ updateProfile: unknown }>('users', UPDATE, { input: { bio: ' Fixes bikes. ', skills: ['Bikes', 'bikes', 'Welding'] } }, identity);
    expect(first.data?.updateProfile).toEqual({ id: session.user.id, name: 'Before', bio: 'Fixes bikes.', skills: ['Bikes', 'Welding'], email });

    const second = await subgraphGql<{ updateProfile: unknown }>('users', UPDATE, { input: { name: 'After' } }, identity);
    expect(second.data?.updateProfile).toMatchObject({ name: 'After', bio: 'Fixes bikes.', skills: ['Bikes', 'Welding'] });

    const third = await subgraphGql<{ updateProfile: unknown }>('users', UPDATE, { input: { bio: null, skills: [] } }, identity);
    expect(third.data?.updateProfile).toMatchObject({ name: 'After', bio: null, skills: [] });
  });

  it.each([
    ['a blank name', { name: '  ' }, 'name'],
    ['a removed name', { name: null }, 'name'],
    ['a bio over 1000 characters', { bio: 'x'.repeat(1001) }, 'bio'],
    ['more than 20 skills', { skills: Array.from({ length: 21 }, (_, i) => `skill ${i}`) }, 'skills'],
    ['a skill over 40 characters', { skills: ['ok', 's'.repeat(41)] }, 'skills'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_what, input, field) => {
    const { session, identity } = await newUser({ name: 'Unchanged' });
    await subgraphGql('users', UPDATE, { input: { bio: 'Original bio', skills: ['Original'] } }, identity);
    const before = await db.profileOf(session.user.id);

    const res = await subgraphGql('users', UPDATE, { input: { bio: 'Should not apply', ...input } }, identity);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await db.profileOf(session.user.id)).toEqual(before);
  });
});
