import { gqlOk } from './graphql-client.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

/** Signs up a new user through the gateway with a unique email. */
export async function signUpUser(opts: { roles?: string[]; name?: string } = {}): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
  const password = 'correct horse battery staple';
  const name = opts.name ?? `Test User ${counter}`;
  const data = await gqlOk<{ signUp: { accessToken: string; refreshToken: string; user: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password, name, roles: opts.roles ?? ['POSTER', 'TASKER'] } },
  );
  return {
    id: data.signUp.user.id,
    email,
    password,
    name,
    accessToken: data.signUp.accessToken,
    refreshToken: data.signUp.refreshToken,
  };
}
