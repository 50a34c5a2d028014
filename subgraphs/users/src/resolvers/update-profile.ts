import { requireCaller } from '@sx/events';
import { updateProfile } from '../commands/update-profile.js';
import type { UsersDeps } from '../deps.js';
import { parseProfileChanges } from '../domain/profile.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export function updateProfileResolver(deps: UsersDeps): MutationResolvers['updateProfile'] {
  return async (_root, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    return updateProfile(deps, { caller, changes: parseProfileChanges(args.input), requestId: ctx.requestId ?? null });
  };
}
