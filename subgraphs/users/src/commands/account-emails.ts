import { BadUserInput } from '@sx/core';
import type { Tx } from '@sx/runtime';
import { consumeAccountToken, countRecentTokens, insertAccountToken, lockTokenIssuing, markEmailVerified, replacePassword, revokeAllFamilies, type AccountTokenPurpose } from '../db/account-token-queries.js';
import { appendAudit } from '../db/audit-queries.js';
import { findCredentialsByEmail } from '../db/user-queries.js';
import { userAudit } from '../domain/audit.js';
import type { UsersDeps } from '../deps.js';
import { normalizeEmail } from '../domain/email.js';
import { recordAccountEmailRequested } from '../events/account-events.js';
import { recordSessionEnded } from '../events/user-events.js';
import { hashPassword } from './credentials/password-hashing.js';
import { generateRefreshToken, hashRefreshToken } from './credentials/refresh-token.js';

/** How long each kind of link works. */
export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = { VERIFY_EMAIL: 7 * 86_400_000, RESET_PASSWORD: 3_600_000 };
/** Reset mails per account per hour, at most: more requests get the same answer and no mail. */
export const RESET_MAILS_PER_HOUR = 3;

/** Issues a token and asks notifications to mail its link, in the caller's transaction. */
export async function issueAccountToken(tx: Tx, user: { id: string; email: string; name: string }, purpose: AccountTokenPurpose): Promise<void> {
  const token = generateRefreshToken();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS[purpose]);
  await insertAccountToken(tx, { userId: user.id, purpose, tokenHash: hashRefreshToken(token), expiresAt });
  await recordAccountEmailRequested(tx, { userId: user.id, email: user.email, name: user.name, purpose, token, expiresAt: expiresAt.toISOString() });
}

const invalidToken = () => new BadUserInput('INVALID_ACCOUNT_TOKEN', 'This link is not valid: it was used already, has expired, or was cut. Ask for a new one.', { field: 'token' });

/** verifyEmail: spends a VERIFY_EMAIL token and marks its user's address verified. */
export async function verifyEmail(deps: UsersDeps, { token, ip }: { token: string; ip: string | null }): Promise<void> {
  await deps.accountEmailLimiter.admit('TOKEN', ip);
  await deps.db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, hashRefreshToken(token), 'VERIFY_EMAIL');
    if (!userId) throw invalidToken();
    await markEmailVerified(tx, userId);
  });
}

/**
 * requestPasswordReset: mails a reset link when the address has an account and has not had
 * RESET_MAILS_PER_HOUR of them this hour. The caller always gets the same answer, so the
 * mutation tells nobody whether an address has an account; the per-address limit comes first and
 * counts known and unknown emails alike. Concurrent requests for one account take turns on its
 * issuing lock, so a burst still mails RESET_MAILS_PER_HOUR links at most.
 */
export async function requestPasswordReset(deps: UsersDeps, { email, ip }: { email: string; ip: string | null }): Promise<void> {
  await deps.accountEmailLimiter.admit('RESET_REQUEST', ip);
  const account = await findCredentialsByEmail(deps.db, normalizeEmail(email));
  if (!account) return;
  await deps.db.transaction(async (tx) => {
    await lockTokenIssuing(tx, account.id, 'RESET_PASSWORD');
    if ((await countRecentTokens(tx, account.id, 'RESET_PASSWORD', new Date(Date.now() - 3_600_000))) >= RESET_MAILS_PER_HOUR) return;
    await issueAccountToken(tx, { id: account.id, email: account.email, name: account.name }, 'RESET_PASSWORD');
  });
}

/** resetPassword: spends the token, sets the new password and ends every session of the user. */
export async function resetPassword(deps: UsersDeps, input: { token: string; newPassword: string; ip: string | null; requestId: string | null }): Promise<void> {
  // Counted before the argon2 hash: a guess costs the guesser its budget, and us no hashing past it.
  await deps.accountEmailLimiter.admit('TOKEN', input.ip);
  const passwordHash = await deps.hashing.run(() => hashPassword(input.newPassword));
  await deps.db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, hashRefreshToken(input.token), 'RESET_PASSWORD');
    if (!userId) throw invalidToken();
    await replacePassword(tx, userId, passwordHash);
    for (const familyId of await revokeAllFamilies(tx, userId)) await recordSessionEnded(tx, { userId, sessionId: familyId });
    await appendAudit(tx, userAudit('PASSWORD_CHANGED', { actorId: userId, requestId: input.requestId }, userId, 'reset with a mailed link'));
  });
}
