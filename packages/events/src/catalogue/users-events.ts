import { z } from 'zod';
import { addVersion, defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

const signedUpV1 = z.object({ userId: uuid, roles: z.array(z.enum(['POSTER', 'TASKER', 'ADMIN'])).min(1) });

/**
 * Someone signed up; other domains learn the user exists (wallet refuses sends to unknown users).
 * v2 adds the address and name notifications writes to (its replica of recipients); a v1 event
 * still in the stream is upcast with both null (no email can be sent to that user from it).
 */
export const userSignedUp = addVersion(defineEvent({ type: 'users.user.signed_up', schema: signedUpV1, aggregateId: (d) => d.userId }), {
  schema: signedUpV1.extend({ email: z.string().email().nullable(), name: z.string().nullable() }),
  upcast: (v1) => ({ ...v1, email: null, name: null }),
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

/**
 * users asks notifications to mail a single-use account link: verifying the address after
 * sign-up, or resetting the password. Carries the token itself (only its hash is stored by
 * users), so the event stream is as sensitive as the mail; tokens expire (`expiresAt`).
 */
export const accountEmailRequested = defineEvent({
  type: 'users.account.email_requested',
  schema: z.object({
    userId: uuid,
    email: z.string().email(),
    name: z.string(),
    purpose: z.enum(['VERIFY_EMAIL', 'RESET_PASSWORD']),
    token: z.string().min(32),
    expiresAt: z.string().datetime(),
  }),
  aggregateId: (d) => d.userId,
});

export const USERS_EVENTS = [userSignedUp, userSessionEnded, accountEmailRequested];
