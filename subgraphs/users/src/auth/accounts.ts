import { randomUUID } from 'node:crypto';
import { Conflict, type Role, Unauthenticated } from '@sx/core';
import { findCredentialsByEmail, insertUser } from '../db/user-queries.js';
import { isUniqueViolation } from '@sx/runtime';
import type { UsersDeps } from '../deps.js';
import { recordUserSignedUp } from '../events/user-events.js';
import { normalizeEmail } from '../domain/email.js';
import { buildAuthPayload, issueRefreshToken, type AuthPayload } from './auth-payload.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

/** The same answer for an unknown email and a wrong password, so neither reveals accounts. */
const WRONG_CREDENTIALS = 'The email or password is incorrect.';

/**
 * Creates the account, its users.user.signed_up event and its first session in one transaction,
 * so a failure leaves no account (and no event) behind. Inputs are already validated. The unique index on lower(email) decides races: the
 * loser of two concurrent sign-ups with one email gets CONFLICT, not an internal error.
 */
export async function createAccount(
  deps: UsersDeps,
  input: { email: string; password: string; name: string; roles: Role[] },
): Promise<AuthPayload> {
  const passwordHash = await hashPassword(input.password);
  try {
    const { user, refresh } = await deps.db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: input.email, passwordHash, name: input.name, roles: input.roles });
      await recordUserSignedUp(tx, { id: user.id, roles: input.roles });
      const refresh = await issueRefreshToken(tx, deps.config, { userId: user.id, familyId: randomUUID() });
      return { user, refresh };
    });
    return await buildAuthPayload(deps.config, user, refresh);
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_lower_unique')) {
      throw new Conflict('EMAIL_TAKEN', 'An account with this email already exists; sign in, or sign up with another email.', { field: 'email' });
    }
    throw err;
  }
}

/** Checks the limits, then the password; a success starts a new session family. */
export async function signIn(deps: UsersDeps, input: { email: string; password: string; ip: string | null }): Promise<AuthPayload> {
  const email = normalizeEmail(input.email);
  await deps.limiter.admit({ email, ip: input.ip });
  const record = await findCredentialsByEmail(deps.db, email);
  const valid = await verifyPassword(record?.passwordHash ?? null, input.password);
  if (!record || !valid) throw new Unauthenticated('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
  await deps.limiter.forgetFailures(email);
  const { passwordHash: _hash, ...user } = record;
  const refresh = await issueRefreshToken(deps.db, deps.config, { userId: user.id, familyId: randomUUID() });
  return buildAuthPayload(deps.config, user, refresh);
}
