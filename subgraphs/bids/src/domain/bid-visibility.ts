import { Forbidden, type Identity, isAdmin, Unauthenticated } from '@sx/core';

/**
 * Which bids on a task a caller may list: admins all; a signed-in user every bid on a task
 * they posted (the replica knows the poster) and their own bids elsewhere; anonymous none.
 */
export type TaskBidsScope = { kind: 'all' } | { kind: 'viewer'; userId: string } | { kind: 'none' };

export function taskBidsScope(viewer: Identity): TaskBidsScope {
  if (isAdmin(viewer)) return { kind: 'all' };
  if (viewer.userId) return { kind: 'viewer', userId: viewer.userId };
  return { kind: 'none' };
}

/**
 * A single bid is visible to the tasker who placed it, the poster of its task and admins.
 * `posterId` is null while the replica does not know the task.
 */
export function canSeeBid(viewer: Identity, bid: { taskerId: string; posterId: string | null }): boolean {
  if (isAdmin(viewer)) return true;
  if (!viewer.userId) return false;
  return viewer.userId === bid.taskerId || viewer.userId === bid.posterId;
}

/**
 * Why accepting a bid failed (the poster's wallet could not cover it) concerns the poster's
 * money: the poster and admins see it, the tasker does not.
 */
export function canSeeAcceptFailure(viewer: Identity, posterId: string | null): boolean {
  if (isAdmin(viewer)) return true;
  return viewer.userId !== null && viewer.userId === posterId;
}

/**
 * A user's list of bids is private to them (and admins): it reveals what they offered to
 * whom. Refusing is clearer than an empty list, which would read as "no bids".
 */
export function assertCanListUserBids(viewer: Identity, userId: string): void {
  if (isAdmin(viewer) || viewer.userId === userId) return;
  if (!viewer.userId) throw new Unauthenticated('NOT_SIGNED_IN', 'Sign in to see your bids: send an access token in the Authorization header.');
  throw new Forbidden('BIDS_PRIVATE', "You can only see your own bids; another user's bids are private to them.");
}
