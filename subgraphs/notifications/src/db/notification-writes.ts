import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import type { ReadSelection } from '../domain/read-selection.js';
import { notifications } from './tables.js';

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
