import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@sx/stack';
import { gqlOk, stackInfo } from './graphql-client.js';
import { signUpUser, type TestUser } from './users.js';

export interface AdminToolRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `npm run admin -- <args>` (scripts/admin.ts, as npm would) against the test stack's database. */
export async function runAdminTool(args: string[], operator = 'test-operator'): Promise<AdminToolRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: stackInfo().databaseUrl, SX_OPERATOR: operator, LOG_LEVEL: 'warn' },
    });
    return { stdout, stderr, exitCode: 0 };
  } catch (err) {
    const failed = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', exitCode: failed.code ?? 1 };
  }
}

/** Signs the user in again: a fresh session carries the roles the account has now. */
export async function signInAgain(user: TestUser): Promise<TestUser> {
  const data = await gqlOk<{ signIn: { accessToken: string; refreshToken: string } }>(
    `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken refreshToken } }`,
    { email: user.email, password: user.password },
  );
  return { ...user, accessToken: data.signIn.accessToken, refreshToken: data.signIn.refreshToken };
}

/** A new administrator, made the only way there is: the admin command-line tool, then a sign-in. */
export async function signUpAdmin(opts: { name?: string } = {}): Promise<TestUser> {
  const user = await signUpUser({ roles: ['POSTER', 'TASKER'], name: opts.name ?? 'Ada Admin' });
  const run = await runAdminTool(['grant', user.email]);
  if (run.exitCode !== 0) throw new Error(`npm run admin -- grant failed: ${run.stderr}`);
  return signInAgain(user);
}

let shared: Promise<TestUser> | undefined;

/** One administrator for a whole test file (each file has its own module state): the tool runs once. */
export function sharedAdmin(): Promise<TestUser> {
  shared ??= signUpAdmin({ name: 'Sam Shared-Admin' });
  return shared;
}
