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
  /**
   * Set on an HTTP request whose token names a session: the Redis key that says it was signed
   * out. Not checked yet: the edge plugin checks it in the same Redis round trip as the request
   * budget, before anything executes (edge/edge-plugin.ts).
   */
  endedSessionKey?: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A token whose session was signed out (users.session.ended). */
export function sessionEndedError(): GraphQLError {
  return unauthenticated('SESSION_ENDED', 'This session was signed out: sign in again.');
}

function unauthenticated(reason: 'ACCESS_TOKEN_INVALID' | 'ACCESS_TOKEN_EXPIRED' | 'ACCOUNT_UNAVAILABLE' | 'SESSION_ENDED', message: string) {
  // http.status makes Apollo answer 401 instead of 200/500 for a refused token.
  return refusalError(reason, message, { http: { status: 401 } });
}

/** A caller-supplied request id is kept only when it is short and plain, so logs stay clean. */
export function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

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
  if (ended.value) return sessionEndedError();
  if (active.status === 'rejected') throw active.reason;
  return active.value ? null : accountUnavailable();
}

const accountUnavailable = () => unauthenticated('ACCOUNT_UNAVAILABLE', 'The account of this access token does not exist or may not act: sign in again.');

/** The caller of an HTTP request, and the key of its token's session still to check (see GatewayContext). */
export interface RequestCaller {
  identity: Identity;
  endedSessionKey: string | null;
}

/**
 * The claims of the request's genuine token from `Authorization: Bearer <token>`. No header
 * means anonymous (null); a header that is present but wrong is refused, never downgraded to
 * anonymous, so a client with an expired session learns it instead of silently seeing public data.
 */
async function claimsOf(req: Request, tokens: TokenCheck): Promise<AccessClaims | null> {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return null;
  const token = bearerToken(header);
  if (!token) {
    throw unauthenticated('ACCESS_TOKEN_INVALID', 'Send the access token as "Authorization: Bearer <token>", or no Authorization header at all.');
  }
  const check = await verifyAccessToken(token, tokens.secrets);
  if (check.ok) return check.claims;
  throw check.reason === 'expired'
    ? unauthenticated('ACCESS_TOKEN_EXPIRED', 'Your access token has expired: get a new one with refreshSession, or sign in again.')
    : unauthenticated('ACCESS_TOKEN_INVALID', 'Your access token is not valid: sign in again to get a new one.');
}

const identityOf = (req: Request, claims: AccessClaims | null): Identity =>
  claims ? { userId: claims.userId, roles: claims.roles, ip: req.ip ?? null } : { ...ANONYMOUS, ip: req.ip ?? null };

/**
 * The caller of an HTTP request with every check but the ended session's, which is left to the
 * request's one Redis round trip (`endedSessionKey`, checked by the edge plugin with the budget)
 * rather than paid here as a round trip of its own. The known-user check stays here: it is in
 * process for every user the gateway knows (known-users.ts).
 */
export async function callerFromRequest(req: Request, tokens: TokenCheck): Promise<RequestCaller> {
  const claims = await claimsOf(req, tokens);
  if (!claims) return { identity: identityOf(req, null), endedSessionKey: null };
  if (!(await tokens.knownUsers.isActive(claims.userId))) throw accountUnavailable();
  return { identity: identityOf(req, claims), endedSessionKey: claims.sessionId ? tokens.endedSessions.key(claims.sessionId) : null };
}

/** The caller's identity with every check made here, the ended session's included (a round trip of its own). */
export async function identityFromRequest(req: Request, tokens: TokenCheck): Promise<Identity> {
  const claims = await claimsOf(req, tokens);
  if (!claims) return identityOf(req, null);
  const refused = await tokenRefusal(tokens, claims);
  if (refused) throw refused;
  return identityOf(req, claims);
}

export function createContextFunction(opts: { tokens: TokenCheck; log: Logger }) {
  return async ({ req }: { req: Request }): Promise<GatewayContext> => {
    const requestId = requestIdOf(req);
    try {
      const { identity, endedSessionKey } = await callerFromRequest(req, opts.tokens);
      // One child logger per request (a second child per signed-in request showed in profiles).
      const log = opts.log.child(identity.userId ? { requestId, userId: identity.userId } : { requestId });
      return { identity, endedSessionKey, requestId, log };
    } catch (err) {
      opts.log.child({ requestId }).info({ ip: req.ip, reason: (err as Error).message }, 'refused access token');
      throw err;
    }
  };
}
