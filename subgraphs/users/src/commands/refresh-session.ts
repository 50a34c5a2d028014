import type { Logger } from '@sx/runtime';
import { type ReasonFor, Unauthenticated } from '@sx/core';
import { lockUser } from '../db/admin-queries.js';
import { findTokenOwner, lockRefreshTokenByHash, markRefreshTokenUsed, revokeFamily } from '../db/refresh-token-queries.js';
import { findUsersByIds } from '../db/user-queries.js';
import type { UserRow } from '../db/tables.js';
import type { UsersDeps } from '../deps.js';
import { decideRefresh, type RefreshDecision } from '../domain/refresh-rotation.js';
import { hashRefreshToken } from './credentials/refresh-token.js';
import { buildAuthPayload, issueRefreshToken, type AuthPayload, type IssuedRefreshToken } from './credentials/session-tokens.js';

const REFUSALS: Record<Exclude<RefreshDecision, 'rotate'>, [ReasonFor<'UNAUTHENTICATED'>, string]> = {
  unknown: ['REFRESH_TOKEN_INVALID', 'This refresh token is not valid; sign in again.'],
  expired: ['REFRESH_TOKEN_INVALID', 'This refresh token has expired; sign in again.'],
  revoked: ['SESSION_ENDED', 'This session has ended (signed out or revoked); sign in again.'],
  reuse: ['REFRESH_TOKEN_REUSED', 'This refresh token was already used, so the session was ended for safety; sign in again.'],
};

type Rotation = { decision: 'rotate'; user: UserRow; refresh: IssuedRefreshToken } | { decision: Exclude<RefreshDecision, 'rotate'> };

/** refreshSession's input; `log` is the request's logger, so a reuse warning carries its trace id. */
export interface RefreshSessionCommand {
  refreshToken: string;
  log: Logger;
}

/**
 * Exchanges a refresh token for a new one in the same family. The row lock serializes
 * concurrent refreshes with one token: the first rotates it, the next sees it used — reuse —
 * and revokes the family. The revocation commits before the error is answered.
 */
export async function refreshSession(deps: UsersDeps, command: RefreshSessionCommand): Promise<AuthPayload> {
  const { refreshToken, log } = command;
  const rotation = await deps.db.transaction(async (tx): Promise<Rotation> => {
    const tokenHash = hashRefreshToken(refreshToken);
    // The owner's row first, then the token's (a suspension locks them in the same order): a
    // refresh racing a suspension either rotates before it (and the suspension revokes the new
    // token) or sees the account suspended.
    const ownerId = await findTokenOwner(tx, tokenHash);
    const owner = ownerId ? await lockUser(tx, ownerId, 'share') : null;
    if (owner?.suspendedAt) return { decision: 'revoked' };
    const current = await lockRefreshTokenByHash(tx, tokenHash);
    if (!current) return { decision: 'unknown' };
    const decision = decideRefresh(current, new Date());
    if (decision === 'reuse') {
      const revoked = await revokeFamily(tx, current.familyId);
      log.warn({ userId: current.userId, familyId: current.familyId, revoked }, 'refresh token reuse; family revoked');
    }
    if (decision !== 'rotate') return { decision };
    const refresh = await issueRefreshToken(tx, deps.sessions, { userId: current.userId, familyId: current.familyId });
    await markRefreshTokenUsed(tx, { id: current.id, replacedBy: refresh.id });
    const [user] = await findUsersByIds(tx, [current.userId]);
    if (!user) throw new Error(`refresh token ${current.id} belongs to no user`); // the foreign key forbids this
    return { decision, user, refresh };
  });
  if (rotation.decision !== 'rotate') throw new Unauthenticated(...REFUSALS[rotation.decision]);
  return buildAuthPayload(deps.sessions, rotation.user, rotation.refresh);
}
