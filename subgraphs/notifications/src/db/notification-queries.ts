import { and, count, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import { notifications, type NotificationRow } from './tables.js';

export async function findNotificationsByIds(db: Db, ids: readonly string[]): Promise<NotificationRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, valid));
}

/** A recipient's notifications, newest first, keyset-paginated on (created_at, id). */
export async function pageNotifications(db: Db, recipientId: string, page: TimePageRequest, unreadOnly: boolean): Promise<NotificationRow[]> {
  if (!isUuid(recipientId)) return [];
  const filters: SQL[] = [eq(notifications.recipientId, recipientId)];
  if (unreadOnly) filters.push(isNull(notifications.readAt));
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(notifications.createdAt, at), and(eq(notifications.createdAt, at), lt(notifications.id, id)));
    if (before) filters.push(before);
  }
  return db
    .select()
    .from(notifications)
    .where(and(...filters))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
}

/** Unread counts of several recipients in one statement (absent: zero). */
export async function countUnread(db: Db | Tx, recipientIds: readonly string[]): Promise<Map<string, number>> {
  const valid = onlyUuids(recipientIds);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ recipientId: notifications.recipientId, unread: count() })
    .from(notifications)
    .where(and(inArray(notifications.recipientId, valid), isNull(notifications.readAt)))
    .groupBy(notifications.recipientId);
  return new Map(rows.map((r) => [r.recipientId, r.unread]));
}
