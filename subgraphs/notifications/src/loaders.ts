import DataLoader from 'dataloader';
import { findOwnEvent, type EventEnvelope } from '@sx/events';
import type { Db, ServiceContext } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import { countUnread, findNotificationsByIds, pageNotifications } from './db/notification-queries.js';
import { findChoices } from './db/preference-queries.js';
import { outbox, type NotificationRow, type PreferenceRow } from './db/tables.js';

/** A stored notification as resolvers receive it. */
export type { NotificationRow } from './db/tables.js';

/** Every read the notifications resolvers make: they reach the database through nothing else. */
export interface NotificationLoaders {
  notification: DataLoader<string, NotificationRow | null>;
  unreadCount: DataLoader<string, number>;
  /** One page (limit + 1 rows, newest first) of a recipient's notifications. */
  notificationPage: (recipientId: string, page: TimePageRequest, unreadOnly: boolean) => Promise<NotificationRow[]>;
  /** The user's stored notification choices (what is not stored is the default). */
  choices: (userId: string) => Promise<PreferenceRow[]>;
  /** One of notifications' own events, read back from its outbox. */
  ownEvent(id: string): Promise<EventEnvelope | null>;
}

export function createLoaders(db: Db): NotificationLoaders {
  return {
    notification: new DataLoader(async (ids) => {
      const rows = await findNotificationsByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    unreadCount: new DataLoader(async (recipientIds) => {
      const counts = await countUnread(db, recipientIds);
      return recipientIds.map((id) => counts.get(id) ?? 0);
    }),
    notificationPage: (recipientId, page, unreadOnly) => pageNotifications(db, recipientId, page, unreadOnly),
    choices: (userId) => findChoices(db, [userId]),
    ownEvent: (id) => findOwnEvent(db, outbox, id),
  };
}

/** What the notifications resolvers receive. */
export type NotificationContext = ServiceContext<NotificationLoaders>;
