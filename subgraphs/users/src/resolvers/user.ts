import type { ServiceContext } from '@sx/runtime';
import type { UserRow } from '../db/tables.js';
import { canSeeEmail } from '../domain/email-visibility.js';
import type { UserLoaders } from '../loaders.js';

/** A user as resolved here: a row, marked when it is the holder of a just-issued session. */
export type UserParent = UserRow & { sessionOwner?: boolean };
type Ctx = ServiceContext<UserLoaders>;

export const userResolvers = {
  // Whatever the path (user, me, _entities), a user is loaded through the batching loader and
  // the email is filtered below, so no path can leak it.
  __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.user.load(ref.id),
  email: (user: UserParent, _args: unknown, ctx: Ctx) => (canSeeEmail(ctx.identity, user.id, user.sessionOwner) ? user.email : null),
};

export const userQueries = {
  me: (_root: unknown, _args: unknown, ctx: Ctx) => (ctx.identity.userId ? ctx.loaders.user.load(ctx.identity.userId) : null),
  user: (_root: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.user.load(args.id),
};
