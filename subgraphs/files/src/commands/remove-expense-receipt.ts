import { NotFound } from '@sx/core';
import type { Caller } from '@sx/events';
import type { Logger } from '@sx/runtime';
import { lockExpense, memberRole } from '../db/replica-queries.js';
import { findAttachedTo, markDeleted } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';
import { assertReceiptRemover } from '../domain/upload-state.js';
import { deleteFiles } from './sweep-files.js';

/**
 * removeExpenseReceipt: the expense's payer, or the group's owner, takes its receipt off. Like a
 * removed photo, the row turns DELETED in the transaction (every download URL stops at commit)
 * and the bytes go right after, or on the next sweep. The expense's replica row is locked, so a
 * removal and a concurrent attach (which replaces) happen one after the other.
 */
export async function removeExpenseReceipt(deps: FilesDeps, input: { caller: Caller; expenseId: string; now: Date }, log: Logger): Promise<{ removedReceiptId: string }> {
  const removed = await deps.db.transaction(async (tx) => {
    const expense = await lockExpense(tx, input.expenseId);
    // An expense files has not heard of has no receipt here; its id tells a stranger nothing.
    if (!expense) throw new NotFound('RECEIPT_NOT_FOUND', 'This expense has no receipt.');
    assertReceiptRemover({ payerId: expense.payerId, callerRole: await memberRole(tx, { groupId: expense.groupId, userId: input.caller.userId }) }, input.caller.userId);
    const receipts = await findAttachedTo(tx, 'EXPENSE', [input.expenseId]);
    const [receipt] = receipts;
    if (!receipt) throw new NotFound('RECEIPT_NOT_FOUND', 'This expense has no receipt.');
    await markDeleted(tx, receipts.map((r) => r.id), input.now);
    return { receiptId: receipt.id, files: receipts.map((r) => ({ id: r.id, storageKey: r.storageKey })) };
  });
  await deleteFiles(deps, removed.files, log);
  return { removedReceiptId: removed.receiptId };
}
