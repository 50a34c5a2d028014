import type { Caller } from '@sx/events';
import type { Logger } from '@sx/runtime';
import { lockExpense } from '../db/replica-queries.js';
import { findAttachedTo, lockUpload, markAttached, markDeleted } from '../db/upload-queries.js';
import type { UploadRow } from '../db/tables.js';
import type { FilesDeps } from '../deps.js';
import { assertAttachableReceipt, assertExpensePayer, type UploadStatus } from '../domain/upload-state.js';
import { deleteFiles } from './sweep-files.js';

/**
 * attachExpenseReceipt: the expense's payer attaches one of their finished uploads (image or
 * PDF). An expense has one receipt: a new one replaces the old, whose row turns DELETED in the
 * same transaction (its URLs stop at commit) and whose bytes go right after (or on the next sweep).
 * The expense's replica row is locked first, so two attaches replace one at a time.
 */
export async function attachExpenseReceipt(deps: FilesDeps, input: { caller: Caller; expenseId: string; uploadId: string; now: Date }, log: Logger): Promise<UploadRow> {
  const { receipt, replaced } = await deps.db.transaction(async (tx) => {
    assertExpensePayer((await lockExpense(tx, input.expenseId))?.payerId ?? null, input.caller.userId);
    const upload = await lockUpload(tx, input.uploadId);
    assertAttachableReceipt(upload && { ...upload, status: upload.status as UploadStatus }, input.caller.userId);
    const previous = await findAttachedTo(tx, 'EXPENSE', [input.expenseId]);
    await markDeleted(tx, previous.map((p) => p.id), input.now);
    const attached = await markAttached(tx, { id: input.uploadId, parentType: 'EXPENSE', parentId: input.expenseId, at: input.now });
    return { receipt: attached, replaced: previous };
  });
  await deleteFiles(deps, replaced, log);
  return receipt;
}
