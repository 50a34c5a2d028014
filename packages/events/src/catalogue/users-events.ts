import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

/** Someone signed up; other domains learn the user exists (wallet refuses sends to unknown users). */
export const userSignedUp = defineEvent({
  type: 'users.user.signed_up',
  schema: z.object({ userId: uuid, roles: z.array(z.enum(['POSTER', 'TASKER', 'ADMIN'])).min(1) }),
  aggregateId: (d) => d.userId,
});

export const USERS_EVENTS = [userSignedUp];
