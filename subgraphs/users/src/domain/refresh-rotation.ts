/** The state of a stored refresh token that decides what presenting it does. */
export interface RefreshTokenState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * - `rotate`: valid; mark it used and issue its successor in the same family.
 * - `reuse`: already rotated, so a copy is being replayed (RFC 9700 §4.14.2): revoke the family.
 * - `revoked` / `expired` / `unknown`: refuse; nothing changes.
 */
export type RefreshDecision = 'rotate' | 'reuse' | 'revoked' | 'expired' | 'unknown';

export function decideRefresh(token: RefreshTokenState | null, now: Date): RefreshDecision {
  if (!token) return 'unknown';
  // A revoked family stays dead; revoking it again would change nothing.
  if (token.revokedAt) return 'revoked';
  // Reuse is checked before expiry: an expired but rotated token being replayed is still a theft signal.
  if (token.usedAt) return 'reuse';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
