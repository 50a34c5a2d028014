import { BadUserInput, isUuid, type TimePageRequest } from '@sx/core';

/** What the audit log records (the schema's AuditAction; the database checks the same list). */
export const AUDIT_ACTIONS = [
  'SIGNED_IN',
  'PASSWORD_CHANGED',
  'PROFILE_UPDATED',
  'ROLE_GRANTED',
  'ROLE_REVOKED',
  'USER_SUSPENDED',
  'USER_UNSUSPENDED',
  'TASK_HIDDEN',
  'TASK_UNHIDDEN',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditTargetKind = 'USER' | 'TASK';

/** One entry before it is written; `actorId` null means the system did it. */
export interface AuditEntryDraft {
  action: AuditAction;
  actorId: string | null;
  targetKind: AuditTargetKind;
  targetId: string;
  details: string | null;
  requestId: string | null;
}

/** Where an action on a user came from: who asked, in which request. */
export interface AuditSource {
  actorId: string | null;
  requestId: string | null;
}

/** An entry about a user account. */
export function userAudit(action: AuditAction, source: AuditSource, userId: string, details: string | null = null): AuditEntryDraft {
  return { action, actorId: source.actorId, targetKind: 'USER', targetId: userId, details, requestId: source.requestId };
}

/** auditLog's filter as the storage reads it. */
export interface AuditFilter {
  actions: readonly AuditAction[] | null;
  actorId: string | null;
  targetId: string | null;
  from: Date | null;
  to: Date | null;
}

/** A filter naming an id no row can have matches nothing: the caller learns that from an empty page. */
export function auditFilterMatchesNothing(filter: AuditFilter): boolean {
  return [filter.actorId, filter.targetId].some((id) => id !== null && !isUuid(id));
}

export function parseAuditFilter(raw: { actions?: readonly AuditAction[] | null; actorId?: string | null; targetId?: string | null; from?: Date | null; to?: Date | null }): AuditFilter {
  const filter = {
    actions: raw.actions && raw.actions.length > 0 ? raw.actions : null,
    actorId: raw.actorId?.toLowerCase() ?? null,
    targetId: raw.targetId?.toLowerCase() ?? null,
    from: raw.from ?? null,
    to: raw.to ?? null,
  };
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new BadUserInput('INVALID_INPUT', '"from" must be before "to".', { field: 'filter.from' });
  }
  return filter;
}

export type { TimePageRequest };
