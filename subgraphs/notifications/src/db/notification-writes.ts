import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import type { NotificationDraft } from '../domain/notification-kind.js';
import type { ReadSelection } from '../domain/read-selection.js';
import { notifications, type NotificationRow } from './tables.js';

/**
 * Stores the notifications made from one event; a (event, recipient) pair already stored is
 * skipped, so only the rows returned are new (and get a live event).
 */
export async function insertNotifications(tx: Tx, eventId: string, drafts: readonly NotificationDraft[]): Promise<NotificationRow[]> {
  if (drafts.length === 0) return [];
  return tx
    .insert(notifications)
    .values(drafts.map((d) => ({ ...d, eventId })))
    .onConflictDoNothing({ target: [notifications.eventId, notifications.recipientId] })
    .returning();
}

/** Marks unread notifications of the recipient read; others' ids are ignored. Returns how many changed. */
export async function markRead(tx: Tx, recipientId: string, which: ReadSelection, at: Date): Promise<number> {
  const filters = [eq(notifications.recipientId, recipientId), isNull(notifications.readAt)];
  if ('ids' in which) {
    const ids = onlyUuids(which.ids);
    if (ids.length === 0) return 0;
    filters.push(inArray(notifications.id, ids));
  }
  const rows = await tx.update(notifications).set({ readAt: at }).where(and(...filters)).returning({ id: notifications.id });
  return rows.length;
}
