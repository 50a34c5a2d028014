import { NotFound, requireUser } from '@sx/core';
import { updateUserProfile } from '../db/user-queries.js';
import type { UsersDeps } from '../deps.js';
import { parseProfileChanges } from '../domain/profile.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export function updateProfileResolver(deps: UsersDeps): MutationResolvers['updateProfile'] {
  return async (_root, args, ctx) => {
    const userId = requireUser(ctx.identity);
    const changes = parseProfileChanges(args.input);
    const user =
      Object.keys(changes).length === 0 ? await ctx.loaders.user.load(userId) : await updateUserProfile(deps.db, { id: userId, changes });
    if (!user) throw new NotFound('USER_NOT_FOUND', 'Your account no longer exists; sign up again.');
    return user;
  };
}
