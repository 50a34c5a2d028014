import { requireUser, NotFound, type ServiceContext } from '@sx/runtime';
import { updateUserProfile } from '../db/user-queries.js';
import type { UsersDeps } from '../deps.js';
import { parseProfileChanges, type ProfileInput } from '../domain/profile.js';
import type { UserLoaders } from '../loaders.js';

export function updateProfileResolver(deps: UsersDeps) {
  return async (_root: unknown, args: { input: ProfileInput }, ctx: ServiceContext<UserLoaders>) => {
    const userId = requireUser(ctx.identity);
    const changes = parseProfileChanges(args.input);
    const user =
      Object.keys(changes).length === 0 ? await ctx.loaders.user.load(userId) : await updateUserProfile(deps.db, { id: userId, changes });
    if (!user) throw new NotFound('Your account no longer exists; sign up again.');
    return user;
  };
}
