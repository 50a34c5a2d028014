import { userSignedUp } from '@sx/events';
import type { LiveEvent } from './bindings.js';
import type { KnownUsers } from '../known-users.js';

/**
 * Sign-ups as every gateway instance hears them (the users stream the feed already follows for
 * sign-outs): users vouches that the account exists, so its first request needs no users
 * question (known-users.ts). Sign-up then act at once is the common path of a new user.
 */
export function watchSignUps(knownUsers: KnownUsers): { onEvent: (event: LiveEvent) => void } {
  return {
    onEvent: (event) => {
      if (event.type !== userSignedUp.type) return;
      const userId = event.data['userId'];
      if (typeof userId === 'string') knownUsers.learn(userId);
    },
  };
}
