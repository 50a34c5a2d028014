import { BadUserInput, isUuid } from '@sx/core';
import { canSeeEmail, canSeeOwnAccountState } from '../domain/email-visibility.js';
import type { QueryResolvers, UserResolvers } from '../generated/resolvers-types.js';
import type { UserRow } from '../loaders.js';

/**
 * A user as resolved here (the User mapper in codegen.ts): a row, marked when it is the holder of
 * a just-issued session.
 */
export type UserParent = UserRow & { sessionOwner?: boolean };

export const userResolvers: UserResolvers = {
  // Whatever the path (user, me, _entities), a user is loaded through the batching loader and
  // the email is filtered below, so no path can leak it.
  __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  email: (user, _args, ctx) => (canSeeEmail(ctx.identity, user.id, user.sessionOwner) ? user.email : null),
  // Administrators' business only: a suspended user learns it when signing in.
  suspended: (user, _args, ctx) => (ctx.identity.roles.includes('ADMIN') ? user.suspendedAt !== null : null),
  suspensionReason: (user, _args, ctx) => (ctx.identity.roles.includes('ADMIN') ? user.suspensionReason : null),
  emailVerified: (user, _args, ctx) => (canSeeOwnAccountState(ctx.identity, user.id, user.sessionOwner) ? ctx.loaders.emailVerified.load(user.id) : null),
};

/** Ids one accountIds page returns at most: the gateway reads KNOWN_USERS_MAX of them in a few pages. */
export const MAX_ACCOUNT_ID_PAGE = 5_000;

export const userQueries: QueryResolvers = {
  me: (_root, _args, ctx) => (ctx.identity.userId ? ctx.loaders.user.load(ctx.identity.userId) : null),
  user: (_root, args, ctx) => ctx.loaders.user.load(args.id),
  accountIds: (_root, args, ctx) => {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_ACCOUNT_ID_PAGE) {
      throw new BadUserInput('PAGE_TOO_LARGE', `"first" must be 1 to ${MAX_ACCOUNT_ID_PAGE}.`);
    }
    const after = args.after ?? null;
    if (after !== null && !isUuid(after)) throw new BadUserInput('INVALID_CURSOR', '"after" must be an id this list returned.');
    return ctx.loaders.accountIdPage({ after, limit: args.first });
  },
};
