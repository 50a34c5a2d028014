import type { Caller } from '@sx/events';
import { countUnread } from '../db/notification-queries.js';
import { markRead } from '../db/notification-writes.js';
import type { NotificationsDeps } from '../deps.js';
import type { ReadSelection } from '../domain/read-selection.js';

/** markNotificationsRead: marks the caller's own unread notifications and tells how many remain. */
export async function markNotificationsRead(deps: NotificationsDeps, input: { caller: Caller; which: ReadSelection }): Promise<{ marked: number; unreadCount: number }> {
  return deps.db.transaction(async (tx) => {
    const marked = await markRead(tx, input.caller.userId, input.which, new Date());
    const unread = await countUnread(tx, [input.caller.userId]);
    return { marked, unreadCount: unread.get(input.caller.userId) ?? 0 };
  });
}
