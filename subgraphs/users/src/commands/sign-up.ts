import { randomUUID } from 'node:crypto';
import { Conflict, type Role } from '@sx/core';
import { isUniqueViolation } from '@sx/runtime';
import { insertUser } from '../db/user-queries.js';
import type { UsersDeps } from '../deps.js';
import { recordUserSignedUp } from '../events/user-events.js';
import { hashPassword } from './credentials/password-hashing.js';
import { buildAuthPayload, issueRefreshToken, type AuthPayload } from './credentials/session-tokens.js';

/** signUp's input, parsed: a normalized email, a password that meets the policy, a name, roles. */
export interface SignUpCommand {
  email: string;
  password: string;
  name: string;
  roles: Role[];
}

/**
 * Creates the account, its users.user.signed_up event and its first session in one transaction,
 * so a failure leaves no account (and no event) behind. The unique index on lower(email) decides
 * races: the loser of two concurrent sign-ups with one email gets CONFLICT, not an internal error.
 */
export async function signUp(deps: UsersDeps, command: SignUpCommand): Promise<AuthPayload> {
  const passwordHash = await hashPassword(command.password);
  try {
    const { user, refresh } = await deps.db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: command.email, passwordHash, name: command.name, roles: command.roles });
      await recordUserSignedUp(tx, { id: user.id, roles: command.roles });
      const refresh = await issueRefreshToken(tx, deps.sessions, { userId: user.id, familyId: randomUUID() });
      return { user, refresh };
    });
    return await buildAuthPayload(deps.sessions, user, refresh);
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_lower_unique')) {
      throw new Conflict('EMAIL_TAKEN', 'An account with this email already exists; sign in, or sign up with another email.', { field: 'email' });
    }
    throw err;
  }
}
