import { revokeFamilyOfToken } from '../db/refresh-token-queries.js';
import type { UsersDeps } from '../deps.js';
import { recordSessionEnded } from '../events/user-events.js';
import { hashRefreshToken } from './credentials/refresh-token.js';

/** signOut's input: a refresh token of the session to end. */
export interface SignOutCommand {
  refreshToken: string;
}

/**
 * Ends the session the token belongs to (every token of its family) and, in the same
 * transaction, announces it so the gateways close the user's live sockets. Idempotent: a
 * session that had already ended is not announced again.
 */
export async function signOut(deps: UsersDeps, command: SignOutCommand): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const ended = await revokeFamilyOfToken(tx, hashRefreshToken(command.refreshToken));
    if (ended) await recordSessionEnded(tx, { userId: ended.userId, sessionId: ended.familyId });
  });
}
