import { randomUUID } from 'node:crypto';
import type { Role } from '@sx/core';
import { isUniqueViolation } from '@sx/runtime';
import { findCredentialsByEmail, insertUser } from '../db/user-queries.js';
import type { UsersDeps } from '../deps.js';
import { recordUserSignedUp } from '../events/user-events.js';
import { issueAccountToken } from './account-emails.js';
import { hashPassword } from './credentials/password-hashing.js';
import { buildAuthPayload, issueRefreshToken, type AuthPayload } from './credentials/session-tokens.js';
import { signIn } from './sign-in.js';

/** signUp's input, parsed: a normalized email, a password that meets the policy, a name, roles. */
export interface SignUpCommand {
  email: string;
  password: string;
  name: string;
  roles: Role[];
  /** The client's address as the gateway signed it, for the per-address sign-up limit. */
  ip: string | null;
}

/**
 * Creates the account, its users.user.signed_up event and its first session in one transaction,
 * so a failure leaves no account (and no event) behind. An email that already has an account
 * is answered exactly as signIn answers it — a session with that account's password, the
 * WRONG_CREDENTIALS refusal with any other, under the sign-in limits — so sign-up never says
 * that an account exists (docs/security.md). The unique index on lower(email) decides races:
 * the loser of two concurrent sign-ups with one email is answered the same way.
 */
export async function signUp(deps: UsersDeps, command: SignUpCommand): Promise<AuthPayload> {
  await deps.signUpLimiter.admit(command.ip);
  const asSignIn = () => signIn(deps, { email: command.email, password: command.password, ip: command.ip });
  if (await findCredentialsByEmail(deps.db, command.email)) return asSignIn();
  const passwordHash = await deps.hashing.run(() => hashPassword(command.password));
  try {
    const { user, refresh } = await deps.db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: command.email, passwordHash, name: command.name, roles: command.roles });
      await recordUserSignedUp(tx, { id: user.id, roles: command.roles, email: user.email, name: user.name });
      await issueAccountToken(tx, { id: user.id, email: user.email, name: user.name }, 'VERIFY_EMAIL');
      const refresh = await issueRefreshToken(tx, deps.sessions, { userId: user.id, familyId: randomUUID() });
      return { user, refresh };
    });
    return await buildAuthPayload(deps.sessions, user, refresh);
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_lower_unique')) return asSignIn();
    throw err;
  }
}
