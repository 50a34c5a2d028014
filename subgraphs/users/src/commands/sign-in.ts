import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '@sx/core';
import { findCredentialsByEmail } from '../db/user-queries.js';
import type { UsersDeps } from '../deps.js';
import { normalizeEmail } from '../domain/email.js';
import { verifyPassword } from './credentials/password-hashing.js';
import { buildAuthPayload, issueRefreshToken, type AuthPayload } from './credentials/session-tokens.js';

/**
 * The one answer for an unknown email and a wrong password, in signIn and in signUp (an email
 * that has an account is signed in to, not signed up): no answer tells whether an account exists.
 */
export const WRONG_CREDENTIALS = 'The email or password is incorrect.';

/** signIn's input; `ip` is the client's address as the gateway signed it (null without one). */
export interface SignInCommand {
  email: string;
  password: string;
  ip: string | null;
}

/** Checks the limits, then the password; a success starts a new session family. */
export async function signIn(deps: UsersDeps, command: SignInCommand): Promise<AuthPayload> {
  const email = normalizeEmail(command.email);
  const attempt = { email, ip: command.ip };
  await deps.limiter.admit(attempt);
  const record = await findCredentialsByEmail(deps.db, email);
  const valid = await deps.hashing.run(() => verifyPassword(record?.passwordHash ?? null, command.password));
  if (!record || !valid) throw new Unauthenticated('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
  await deps.limiter.forgive(attempt);
  const { passwordHash: _hash, ...user } = record;
  const refresh = await deps.db.transaction((tx) => issueRefreshToken(tx, deps.sessions, { userId: user.id, familyId: randomUUID() }));
  return buildAuthPayload(deps.sessions, user, refresh);
}
