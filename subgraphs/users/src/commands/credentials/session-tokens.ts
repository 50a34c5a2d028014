import { decodeJwt } from 'jose';
import { type Queryable, signAccessToken } from '@sx/runtime';
import { type Role, ROLES } from '@sx/core';
import { insertRefreshToken } from '../../db/refresh-token-queries.js';
import type { UserRow } from '../../db/tables.js';
import type { SessionSettings } from '../../deps.js';
import { generateRefreshToken, hashRefreshToken } from './refresh-token.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The user of a just-issued session: the caller has proven to be them (see canSeeEmail). */
export type SessionUser = UserRow & { sessionOwner: true };

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: SessionUser;
}

export interface IssuedRefreshToken {
  id: string;
  token: string;
  expiresAt: Date;
  /** The session (refresh-token family) it belongs to; access tokens carry it as `sid`. */
  familyId: string;
}

/** Stores a new refresh token of `familyId` (its hash only) and returns the token itself. */
export async function issueRefreshToken(
  db: Queryable,
  settings: SessionSettings,
  args: { userId: string; familyId: string },
): Promise<IssuedRefreshToken> {
  const token = generateRefreshToken();
  const row = await insertRefreshToken(db, {
    userId: args.userId,
    familyId: args.familyId,
    tokenHash: hashRefreshToken(token),
    expiresAt: new Date(Date.now() + settings.refreshTokenTtlDays * DAY_MS),
  });
  return { id: row.id, token, expiresAt: row.expiresAt, familyId: args.familyId };
}

/** The database's check constraint guarantees this; a failure here means a bug, loudly. */
function asRoles(values: readonly string[]): Role[] {
  for (const value of values) {
    if (!(ROLES as readonly string[]).includes(value)) throw new Error(`stored role ${value} is not a Role`);
  }
  return values as Role[];
}

/** Signs the access token for a user whose refresh token was just issued. */
export async function buildAuthPayload(settings: SessionSettings, user: UserRow, refresh: IssuedRefreshToken): Promise<AuthPayload> {
  const accessToken = await signAccessToken({ userId: user.id, roles: asRoles(user.roles), sessionId: refresh.familyId }, settings.jwtSecret);
  const { exp } = decodeJwt(accessToken);
  if (exp === undefined) throw new Error('access token has no expiry');
  return {
    accessToken,
    accessTokenExpiresAt: new Date(exp * 1000),
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt,
    user: { ...user, sessionOwner: true },
  };
}
