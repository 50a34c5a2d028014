import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import type { AuditAction, AuditEntryDraft, AuditFilter } from '../domain/audit.js';
import { auditLog, type AuditRow } from './tables.js';

/** Appends one entry, in the caller's transaction: the entry exists exactly when the change does. */
export async function appendAudit(db: Queryable, entry: AuditEntryDraft): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    details: entry.details,
    requestId: entry.requestId,
  });
}

function filterConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.actions) conditions.push(inArray(auditLog.action, [...filter.actions] as AuditAction[]));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditLog.occurredAt, filter.from));
  if (filter.to) conditions.push(lt(auditLog.occurredAt, filter.to));
  return conditions;
}

/** One page of the log, newest first, keyset-paginated on (occurred_at, id). */
export async function pageAuditLog(db: Queryable, filter: AuditFilter, page: TimePageRequest): Promise<AuditRow[]> {
  const conditions = filterConditions(filter);
  if (page.after) {
    const { at, id } = page.after;
    conditions.push(or(lt(auditLog.occurredAt, at), and(eq(auditLog.occurredAt, at), sql`${auditLog.id} < ${id}::uuid`)) as SQL);
  }
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(page.limit + 1);
}
