import { revokeFamilyOfToken } from '../db/refresh-token-queries.js';
import type { UsersDeps } from '../deps.js';
import { hashRefreshToken } from './credentials/refresh-token.js';

/** signOut's input: a refresh token of the session to end. */
export interface SignOutCommand {
  refreshToken: string;
}

/** Ends the session the token belongs to (every token of its family). Idempotent. */
export async function signOut(deps: UsersDeps, command: SignOutCommand): Promise<void> {
  await deps.db.transaction((tx) => revokeFamilyOfToken(tx, hashRefreshToken(command.refreshToken)));
}
