import { randomUUID } from 'node:crypto';
import { Forbidden, Unauthenticated } from '@sx/core';
import { lockUser } from '../db/admin-queries.js';
import { appendAudit } from '../db/audit-queries.js';
import { userAudit } from '../domain/audit.js';
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
  /** The request's id, for the audit entry. */
  requestId?: string | null;
}

const suspended = () => new Forbidden('ACCOUNT_SUSPENDED', 'This account is suspended by an administrator; contact support.');

/** Checks the limits, then the password; a success starts a new session family. */
export async function signIn(deps: UsersDeps, command: SignInCommand): Promise<AuthPayload> {
  const email = normalizeEmail(command.email);
  const attempt = { email, ip: command.ip };
  await deps.limiter.admit(attempt);
  const record = await findCredentialsByEmail(deps.db, email);
  const valid = await deps.hashing.run(() => verifyPassword(record?.passwordHash ?? null, command.password));
  if (!record || !valid) throw new Unauthenticated('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
  await deps.limiter.forgive(attempt);
  // Told only to whoever knows the password, so it does not reveal which accounts exist.
  if (record.suspendedAt) throw suspended();
  const { user, refresh } = await deps.db.transaction(async (tx) => {
    // The shared lock orders this sign-in with a suspension of the account (which locks the row
    // for update): either the suspension sees this session and ends it, or this sees the suspension.
    const current = await lockUser(tx, record.id, 'share');
    if (!current) throw new Unauthenticated('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
    if (current.suspendedAt) throw suspended();
    await appendAudit(tx, userAudit('SIGNED_IN', { actorId: current.id, requestId: command.requestId ?? null }, current.id));
    return { user: current, refresh: await issueRefreshToken(tx, deps.sessions, { userId: current.id, familyId: randomUUID() }) };
  });
  return buildAuthPayload(deps.sessions, user, refresh);
}
