import { requireCaller } from '@sx/events';
import { DateTimeScalar } from '@sx/runtime';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import type { NotificationsDeps } from '../deps.js';
import { allPreferences } from '../domain/preferences.js';
import type { NotificationKind, Resolvers } from '../generated/resolvers-types.js';
import { markNotificationsReadMutation } from './mutation/mark-notifications-read.js';
import { unsubscribeFromEmailsMutation, updateNotificationPreferencesMutation } from './mutation/preferences.js';
import { notificationEventQuery } from './notification-event.js';

const ref = (id: string | null) => (id ? { id } : null);

export function createResolvers(deps: NotificationsDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      notifications: async (_root, args, ctx) => {
        const caller = requireCaller(ctx.identity);
        const page = parseTimePageArgs(args);
        const rows = await ctx.loaders.notificationPage(caller.userId, page, args.unreadOnly === true);
        return toConnection(rows, page.limit, timePosition);
      },
      notificationEvent: notificationEventQuery,
      notificationPreferences: async (_root, _args, ctx) => allPreferences(await ctx.loaders.choices(requireCaller(ctx.identity).userId)),
    },
    Mutation: {
      markNotificationsRead: markNotificationsReadMutation(deps),
      updateNotificationPreferences: updateNotificationPreferencesMutation(deps),
      unsubscribeFromEmails: unsubscribeFromEmailsMutation(deps),
    },
    Notification: {
      // Only the recipient resolves their notification; anyone else gets null.
      __resolveReference: async (r, ctx) => {
        const row = await ctx.loaders.notification.load(r.id);
        return row && row.recipientId === ctx.identity.userId ? row : null;
      },
      kind: (n) => n.kind as NotificationKind,
      task: (n) => ref(n.taskId),
      bid: (n) => ref(n.bidId),
      payment: (n) => ref(n.paymentId),
    },
    User: {
      unreadNotificationCount: (user, _args, ctx) => (ctx.identity.userId === user.id ? ctx.loaders.unreadCount.load(user.id) : null),
    },
  };
}
