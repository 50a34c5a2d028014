import type { Queryable } from '@sx/runtime';
import { isMemberOfExpenseGroup, isTaskHidden } from '../db/replica-queries.js';
import type { UploadRow } from '../db/tables.js';
import { INVOLVED, type UrlAudience } from '../domain/file-urls.js';

/**
 * Whether the parent of an attached file is still visible to whom its download URL was given.
 * The URL was minted only for a caller who could see the parent then; this catches what changed
 * since, before the URL expires: a task hidden by an administrator (only its poster, assignee and
 * administrators, whose URLs say INVOLVED, keep seeing it), a member who left the expense's group.
 */
export async function stillShared(db: Queryable, file: Pick<UploadRow, 'parentType' | 'parentId'>, audience: UrlAudience | null): Promise<boolean> {
  if (!file.parentId) return false;
  if (file.parentType === 'TASK') return audience === INVOLVED || !(await isTaskHidden(db, file.parentId));
  if (file.parentType === 'EXPENSE') return audience !== null && audience !== INVOLVED && isMemberOfExpenseGroup(db, { expenseId: file.parentId, userId: audience });
  return false;
}
