import { CloseCode } from 'graphql-ws';
import { userSessionEnded } from '@sx/events';
import type { Logger } from '@sx/runtime';
import type { LiveEvent } from './bindings.js';
import type { EndedSessions } from '../ended-sessions.js';
import type { SocketRegistry } from './socket-registry.js';

/** Why a signed-out user's sockets close: 4401, so clients refresh (which fails for the ended session) or sign in. */
export const SIGNED_OUT_REASON = 'Signed out: sign in again';

/**
 * Sign-outs as every gateway instance hears them: users publishes users.session.ended through
 * its outbox, each instance reads the users stream with the live domains, and closes that
 * user's sockets here with 4401. A client reconnecting then must refresh its session, which
 * fails for the one that ended (its other sessions refresh and carry on). The session is also
 * recorded as ended, so its access tokens are refused until they expire (ended-sessions.ts).
 */
export function watchSignOuts(sockets: SocketRegistry, endedSessions: EndedSessions, log: Logger): { domain: string; onEvent: (event: LiveEvent) => void } {
  return {
    domain: 'users',
    onEvent: (event) => {
      if (event.type !== userSessionEnded.type) return;
      const userId = event.data['userId'];
      const sessionId = event.data['sessionId'];
      if (typeof sessionId === 'string') endedSessions.end(sessionId);
      if (typeof userId !== 'string') return;
      const closed = sockets.closeAll(userId, CloseCode.Unauthorized, SIGNED_OUT_REASON);
      if (closed > 0) log.info({ userId, closed }, 'closed the live sockets of a user who signed out');
    },
  };
}
