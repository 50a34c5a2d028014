import { describe, expect, it } from 'vitest';
import { signAccessToken } from '@sx/runtime';
import { errorCode, gql, gqlOk, signUpUser, stackInfo } from '@sx/testkit';

const ME = '{ me { id name } }';
const RENAME = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { name } }';

describe('access tokens at the gateway', () => {
  it('treats a request without Authorization as anonymous', async () => {
    const res = await gql<{ me: unknown }>(ME);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toBeNull();
  });

  it('lets a freshly signed-up user read me with their token', async () => {
    const user = await signUpUser({ name: 'Token Holder' });
    const data = await gqlOk<{ me: { id: string; name: string } }>(ME, {}, { token: user.accessToken });
    expect(data.me).toEqual({ id: user.id, name: 'Token Holder' });
  });

  it('refuses an expired token with 401 UNAUTHENTICATED and changes nothing', async () => {
    const user = await signUpUser({ name: 'Before' });
    const expired = await signAccessToken({ userId: user.id, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret, -10);
    const res = await gql(RENAME, { input: { name: 'After' } }, { token: expired });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/expired.*refreshSession.*sign in again/);
    expect(res.data ?? null).toBeNull();
    const after = await gqlOk<{ me: { name: string } }>(ME, {}, { token: user.accessToken });
    expect(after.me.name).toBe('Before');
  });

  it('refuses a garbage token with 401 instead of answering as anonymous', async () => {
    const res = await gql(ME, {}, { token: 'not.a.jwt' });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('sign in again');
    expect(res.data ?? null).toBeNull();
  });

  it('refuses a well-formed token signed with another key', async () => {
    const user = await signUpUser();
    const foreign = await signAccessToken({ userId: user.id, roles: ['ADMIN'] }, 'someone-elses-secret-0123456789abcdefgh');
    const res = await gql(ME, {}, { token: foreign });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization header that is not a bearer token, saying how to send one', async () => {
    const res = await gql(ME, {}, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('Authorization: Bearer <token>');
  });
});
