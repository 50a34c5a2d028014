import { NotFound, isUuid } from '@sx/core';
import { requireCaller } from '@sx/events';
import { addTaskPhoto } from '../../commands/add-task-photo.js';
import { createUpload } from '../../commands/create-upload.js';
import { removeTaskPhoto } from '../../commands/remove-task-photo.js';
import type { FilesDeps } from '../../deps.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import { attachmentView } from '../attachment.js';

/** Ids that are not uuids name nothing: refused before any SQL. */
function existingId(id: string, reason: 'UPLOAD_NOT_FOUND' | 'PHOTO_NOT_FOUND', what: string): string {
  if (!isUuid(id)) throw new NotFound(reason, `No ${what} has this id.`);
  return id;
}

export function uploadMutations(deps: FilesDeps): Pick<MutationResolvers, 'createUpload' | 'addTaskPhoto' | 'removeTaskPhoto'> {
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
      const taskId = isUuid(args.input.taskId) ? args.input.taskId : '00000000-0000-0000-0000-000000000000';
      const uploadId = existingId(args.input.uploadId, 'UPLOAD_NOT_FOUND', 'upload of yours');
      const now = new Date();
      const row = await addTaskPhoto(deps, { caller, taskId, uploadId, now });
      ctx.log.info({ userId: caller.userId, taskId, photoId: row.id }, 'task photo added');
      return attachmentView(deps, row, now);
    },
    removeTaskPhoto: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity);
      const result = await removeTaskPhoto(deps, { caller, photoId: existingId(args.id, 'PHOTO_NOT_FOUND', 'task photo'), now: new Date() }, ctx.log);
      ctx.log.info({ userId: caller.userId, photoId: result.removedPhotoId }, 'task photo removed');
      return { removedPhotoId: result.removedPhotoId, task: { id: result.taskId } };
    },
  };
}
