import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

/** Someone signed up; other domains learn the user exists (wallet refuses sends to unknown users). */
export const userSignedUp = defineEvent({
  type: 'users.user.signed_up',
  schema: z.object({ userId: uuid, roles: z.array(z.enum(['POSTER', 'TASKER', 'ADMIN'])).min(1) }),
  aggregateId: (d) => d.userId,
});

/**
 * A session was signed out (its refresh tokens revoked): every gateway instance closes the
 * user's live sockets (docs/security.md).
 */
export const userSessionEnded = defineEvent({
  type: 'users.session.ended',
  schema: z.object({ userId: uuid, sessionId: uuid }),
  aggregateId: (d) => d.userId,
});

export const USERS_EVENTS = [userSignedUp, userSessionEnded];
