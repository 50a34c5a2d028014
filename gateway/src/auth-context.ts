import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { GraphQLError } from 'graphql';
import { type AccessClaims, type Logger, refusalError, verifyAccessToken } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import { bearerToken } from './bearer-token.js';
import type { EndedSessions } from './ended-sessions.js';
import type { KnownUsers } from './known-users.js';

/** What the gateway knows about one request; the data sources sign `identity` for subgraphs. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  log: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function unauthenticated(reason: 'ACCESS_TOKEN_INVALID' | 'ACCESS_TOKEN_EXPIRED' | 'ACCOUNT_UNAVAILABLE' | 'SESSION_ENDED', message: string) {
  // http.status makes Apollo answer 401 instead of 200/500 for a refused token.
  return refusalError(reason, message, { http: { status: 401 } });
}

/** A caller-supplied request id is kept only when it is short and plain, so logs stay clean. */
export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The caller's identity from `Authorization: Bearer <token>`. No header means anonymous; a
 * header that is present but wrong is refused, never downgraded to anonymous, so a client with
 * an expired session learns it instead of silently seeing public data.
 */
/** Where a token is checked: its keys (current, then previous) and whether its user may act. */
export interface TokenCheck {
  secrets: readonly string[];
  knownUsers: KnownUsers;
  endedSessions: EndedSessions;
}

/**
 * Why a genuine token may not act, or null: its account does not exist (any more) or may not
 * act (F4), or its session was signed out. For HTTP requests and WebSocket connections alike.
 */
export async function tokenRefusal(tokens: TokenCheck, claims: AccessClaims): Promise<GraphQLError | null> {
  // Both questions at once (Redis and, for a user not yet known, users): a first request waits
  // for the slower of the two instead of their sum. An ended session still answers first.
  const [ended, active] = await Promise.allSettled([
    claims.sessionId ? tokens.endedSessions.hasEnded(claims.sessionId) : false,
    tokens.knownUsers.isActive(claims.userId),
  ]);
  if (ended.status === 'rejected') throw ended.reason;
  if (ended.value) {
    return unauthenticated('SESSION_ENDED', 'This session was signed out: sign in again.');
  }
  if (active.status === 'rejected') throw active.reason;
  if (!active.value) {
    return unauthenticated('ACCOUNT_UNAVAILABLE', 'The account of this access token does not exist or may not act: sign in again.');
  }
  return null;
}

export async function identityFromRequest(req: Request, tokens: TokenCheck): Promise<Identity> {
  const ip = req.ip ?? null;
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return { ...ANONYMOUS, ip };
  const token = bearerToken(header);
  if (!token) {
    throw unauthenticated('ACCESS_TOKEN_INVALID', 'Send the access token as "Authorization: Bearer <token>", or no Authorization header at all.');
  }
  const check = await verifyAccessToken(token, tokens.secrets);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? unauthenticated('ACCESS_TOKEN_EXPIRED', 'Your access token has expired: get a new one with refreshSession, or sign in again.')
      : unauthenticated('ACCESS_TOKEN_INVALID', 'Your access token is not valid: sign in again to get a new one.');
  }
  const refused = await tokenRefusal(tokens, check.claims);
  if (refused) throw refused;
  return { userId: check.claims.userId, roles: check.claims.roles, ip };
}

export function createContextFunction(opts: { tokens: TokenCheck; log: Logger }) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdOf(req);
    const log = opts.log.child({ requestId });
    try {
      const identity = await identityFromRequest(req, opts.tokens);
      return { identity, requestId, log: identity.userId ? log.child({ userId: identity.userId }) : log };
    } catch (err) {
      log.info({ ip: req.ip, reason: (err as Error).message }, 'refused access token');
      throw err;
    }
  };
}
