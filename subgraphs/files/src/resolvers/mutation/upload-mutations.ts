import { NotFound, isUuid } from '@sx/core';
import { requireCaller } from '@sx/events';
import { addTaskPhoto } from '../../commands/add-task-photo.js';
import { attachExpenseReceipt } from '../../commands/attach-expense-receipt.js';
import { createUpload } from '../../commands/create-upload.js';
import { removeExpenseReceipt } from '../../commands/remove-expense-receipt.js';
import { removeTaskPhoto } from '../../commands/remove-task-photo.js';
import type { FilesDeps } from '../../deps.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { attachmentView } from '../attachment.js';

/** An id that is not a uuid is simply one files has not heard of. */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

/** Ids that are not uuids name nothing: refused before any SQL. */
function existingId(id: string, reason: 'UPLOAD_NOT_FOUND' | 'PHOTO_NOT_FOUND', what: string): string {
  if (!isUuid(id)) throw new NotFound(reason, `No ${what} has this id.`);
  return id;
}

export function uploadMutations(deps: FilesDeps): Pick<MutationResolvers, 'createUpload' | 'addTaskPhoto' | 'attachExpenseReceipt' | 'removeTaskPhoto' | 'removeExpenseReceipt'> {
  return {
    createUpload: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      const ticket = await createUpload(deps, { caller, purpose: args.input.purpose, now: new Date() });
      ctx.log.info({ userId: caller.userId, uploadId: ticket.uploadId, purpose: args.input.purpose }, 'upload ticket issued');
      return ticket;
    },
    addTaskPhoto: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      // An unknown task id is simply a task files has not heard of.
      const taskId = isUuid(args.input.taskId) ? args.input.taskId : NO_SUCH_ID;
      const uploadId = existingId(args.input.uploadId, 'UPLOAD_NOT_FOUND', 'upload of yours');
      const now = new Date();
      const row = await addTaskPhoto(deps, { caller, taskId, uploadId, now });
      ctx.log.info({ userId: caller.userId, taskId, photoId: row.id }, 'task photo added');
      return attachmentView(deps, row, now);
    },
    attachExpenseReceipt: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      const expenseId = isUuid(args.input.expenseId) ? args.input.expenseId : NO_SUCH_ID;
      const uploadId = existingId(args.input.uploadId, 'UPLOAD_NOT_FOUND', 'upload of yours');
      const now = new Date();
      const row = await attachExpenseReceipt(deps, { caller, expenseId, uploadId, now }, ctx.log);
      ctx.log.info({ userId: caller.userId, expenseId, receiptId: row.id }, 'expense receipt attached');
      return attachmentView(deps, row, now, caller.userId.toLowerCase());
    },
    removeTaskPhoto: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      const result = await removeTaskPhoto(deps, { caller, photoId: existingId(args.id, 'PHOTO_NOT_FOUND', 'task photo'), now: new Date() }, ctx.log);
      ctx.log.info({ userId: caller.userId, photoId: result.removedPhotoId }, 'task photo removed');
      return { removedPhotoId: result.removedPhotoId, task: { id: result.taskId } };
    },
    removeExpenseReceipt: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      const expenseId = isUuid(args.expenseId) ? args.expenseId : NO_SUCH_ID;
      const result = await removeExpenseReceipt(deps, { caller, expenseId, now: new Date() }, ctx.log);
      ctx.log.info({ userId: caller.userId, expenseId, receiptId: result.removedReceiptId }, 'expense receipt removed');
      return { removedReceiptId: result.removedReceiptId, expense: { id: expenseId } };
    },
  };
}
