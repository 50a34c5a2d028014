import { Forbidden, isAdmin, Unauthenticated, type Identity } from '@sx/runtime';

/**
 * Which bids on a task a caller may list. Until bids keeps its replica of tasks it cannot
 * tell who posted a task, so the poster's "all bids on my task" view is not offered yet.
 */
export type TaskBidsScope = { kind: 'all' } | { kind: 'tasker'; taskerId: string } | { kind: 'none' };

export function taskBidsScope(viewer: Identity): TaskBidsScope {
  if (isAdmin(viewer)) return { kind: 'all' };
  if (viewer.userId) return { kind: 'tasker', taskerId: viewer.userId };
  return { kind: 'none' };
}

/** A single bid is visible to the tasker who placed it and to admins. */
export function canSeeBid(viewer: Identity, bid: { taskerId: string }): boolean {
  return isAdmin(viewer) || (viewer.userId !== null && viewer.userId === bid.taskerId);
}

/**
 * A user's list of bids is private to them (and admins): it reveals what they offered to
 * whom. Refusing is clearer than an empty list, which would read as "no bids".
 */
export function assertCanListUserBids(viewer: Identity, userId: string): void {
  if (isAdmin(viewer) || viewer.userId === userId) return;
  if (!viewer.userId) throw new Unauthenticated('Sign in to see your bids: send an access token in the Authorization header.');
  throw new Forbidden("You can only see your own bids; another user's bids are private to them.");
}
