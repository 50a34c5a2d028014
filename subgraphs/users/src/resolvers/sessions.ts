import { signIn } from '../auth/accounts.js';
import { endSession, rotateSession } from '../auth/sessions.js';
import type { UsersDeps } from '../deps.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export function sessionMutations(deps: UsersDeps): Pick<MutationResolvers, 'signIn' | 'refreshSession' | 'signOut'> {
  return {
    signIn: (_root, args, ctx) => signIn(deps, { email: args.email, password: args.password, ip: ctx.identity.ip }),
    refreshSession: (_root, args, ctx) => rotateSession(deps, args.refreshToken, ctx.log),
    signOut: async (_root, args) => {
      await endSession(deps, args.refreshToken);
      return true;
    },
  };
}
