import type { Identity } from '@sx/core';

/**
 * A user's email is personal data: only its owner and administrators see it. `sessionOwner` marks
 * the user of a just-issued session (sign-up, sign-in, refresh), whose caller is still anonymous
 * at the gateway but has just proven to be that user.
 */
export function canSeeEmail(viewer: Pick<Identity, 'userId' | 'roles'>, ownerId: string, sessionOwner = false): boolean {
  if (sessionOwner) return true;
  if (viewer.userId !== null && viewer.userId === ownerId) return true;
  return viewer.roles.includes('ADMIN');
}
