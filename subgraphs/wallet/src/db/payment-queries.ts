import { desc, inArray } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import { payments, type PaymentRow } from './tables.js';

export async function findPaymentsByIds(db: Db, ids: readonly string[]): Promise<PaymentRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(payments).where(inArray(payments.id, valid));
}

/** Newest first: a task reopened after its assignee withdrew has an earlier, refunded payment too. */
export async function findPaymentsByTaskIds(db: Db, taskIds: readonly string[]): Promise<PaymentRow[]> {
  const valid = onlyUuids(taskIds);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(inArray(payments.taskId, valid))
    .orderBy(desc(payments.createdAt), desc(payments.id));
}
