import type { Identity } from '@sx/core';

/**
 * A user's email is personal data: only its owner and administrators see it. `sessionOwner` marks
 * the user of a just-issued session (sign-up, sign-in, refresh), whose caller is still anonymous
 * at the gateway but has just proven to be that user.
 */
export function canSeeEmail(viewer: Pick<Identity, 'userId' | 'roles'>, ownerId: string, sessionOwner = false): boolean {
  if (canSeeOwnAccountState(viewer, ownerId, sessionOwner)) return true;
  return viewer.roles.includes('ADMIN');
}

/**
 * Whether the email is verified is the owner's own business (a hint to verify it), not an
 * administrator's: only the owner, or the holder of a just-issued session, sees it.
 */
export function canSeeOwnAccountState(viewer: Pick<Identity, 'userId'>, ownerId: string, sessionOwner = false): boolean {
  return sessionOwner || (viewer.userId !== null && viewer.userId === ownerId);
}
