import { requireCaller } from '@sx/events';
import { DateTimeScalar } from '@sx/runtime';
import type { FilesDeps } from '../deps.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { attachmentView } from './attachment.js';
import { uploadMutations } from './mutation/upload-mutations.js';

export function createResolvers(deps: FilesDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Mutation: uploadMutations(deps),
    Task: {
      // The reference carries `poster` because photos @requires it: the gateway fetched it from
      // tasks for this caller first, so a task tasks hides from them never reaches this resolver.
      __resolveReference: (ref) => ({ id: ref.id }),
      photos: async (task, _args, ctx) => {
        requireCaller(ctx.identity);
        const rows = await ctx.loaders.taskPhotos.load(task.id);
        const now = new Date();
        return rows.map((row) => attachmentView(deps, row, now));
      },
    },
  };
}
