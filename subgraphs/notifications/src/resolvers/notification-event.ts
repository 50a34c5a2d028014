import { notificationCreated } from '@sx/events';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import type { NotificationRow } from '../loaders.js';

/** NotificationEvent as its resolvers receive it. */
export interface NotificationEventView {
  id: string;
  cursor: string;
  notification: NotificationRow;
  unreadCount: number;
  occurredAt: string;
}

/**
 * Query.notificationEvent: one of notifications' own events, read back from its outbox, for its
 * recipient only. `cursor` is the event id here; the gateway puts the stream position in its place.
 */
export const notificationEventQuery: NonNullable<QueryResolvers['notificationEvent']> = async (_root, args, ctx) => {
  const event = await ctx.loaders.ownEvent(args.id);
  const viewer = ctx.identity.userId;
  if (!event || event.type !== notificationCreated.type || !viewer) return null;
  const data = notificationCreated.versions[notificationCreated.latest]?.safeParse(event.data);
  if (!data?.success) return null;
  const { notificationId, recipientId } = data.data as { notificationId: string; recipientId: string };
  if (recipientId !== viewer) return null;
  const notification = await ctx.loaders.notification.load(notificationId);
  if (!notification) return null;
  return { id: event.id, cursor: event.id, notification, unreadCount: await ctx.loaders.unreadCount.load(viewer), occurredAt: event.occurredAt };
};
