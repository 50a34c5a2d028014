import { requireCaller } from '@sx/events';
import { DateTimeScalar } from '@sx/runtime';
import type { FilesDeps } from '../deps.js';
import { INVOLVED } from '../domain/file-urls.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { attachmentView } from './attachment.js';
import { uploadMutations } from './mutation/upload-mutations.js';

export function createResolvers(deps: FilesDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Mutation: uploadMutations(deps),
    Task: {
      // The reference carries what photos @requires: the gateway fetched it from tasks for this
      // caller first, so a task tasks hides from them by id never reaches this resolver.
      __resolveReference: (ref) => ref,
      photos: async (task, _args, ctx) => {
        const caller = requireCaller(ctx.identity);
        // Those a hidden task concerns still see it; anyone else reached it through another
        // object (a bid, a notification) and gets no photos. Their URLs say so, for the download.
        const involved = ctx.identity.roles.includes('ADMIN') || caller.userId === task.poster?.id || caller.userId === task.assignee?.id;
        if (task.hidden && !involved) return null;
        const rows = await ctx.loaders.taskPhotos.load(task.id);
        const now = new Date();
        return rows.map((row) => attachmentView(deps, row, now, involved ? INVOLVED : undefined));
      },
    },
    Expense: {
      // Reached only through groups, which resolves an expense for members of its group alone.
      __resolveReference: (ref) => ref,
      receipt: async (expense, _args, ctx) => {
        const caller = requireCaller(ctx.identity);
        const row = await ctx.loaders.expenseReceipt.load(expense.id);
        // The URL names the member, so it stops working if they leave the group.
        return row ? attachmentView(deps, row, new Date(), caller.userId.toLowerCase()) : null;
      },
    },
  };
}
