import { refreshSession } from '../commands/refresh-session.js';
import { signIn } from '../commands/sign-in.js';
import { signOut } from '../commands/sign-out.js';
import type { UsersDeps } from '../deps.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export function sessionMutations(deps: UsersDeps): Pick<MutationResolvers, 'signIn' | 'refreshSession' | 'signOut'> {
  return {
    signIn: (_root, args, ctx) => signIn(deps, { email: args.email, password: args.password, ip: ctx.identity.ip, requestId: ctx.requestId ?? null }),
    refreshSession: (_root, args, ctx) => refreshSession(deps, { refreshToken: args.refreshToken, log: ctx.log }),
    signOut: async (_root, args) => {
      await signOut(deps, { refreshToken: args.refreshToken });
      return true;
    },
  };
}
