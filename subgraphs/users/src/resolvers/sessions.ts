import type { ServiceContext } from '@sx/runtime';
import { signIn } from '../auth/accounts.js';
import { endSession, rotateSession } from '../auth/sessions.js';
import type { UsersDeps } from '../deps.js';
import type { UserLoaders } from '../loaders.js';

type Ctx = ServiceContext<UserLoaders>;

export function sessionMutations(deps: UsersDeps) {
  return {
    signIn: (_root: unknown, args: { email: string; password: string }, ctx: Ctx) =>
      signIn(deps, { email: args.email, password: args.password, ip: ctx.identity.ip }),
    refreshSession: (_root: unknown, args: { refreshToken: string }, ctx: Ctx) => rotateSession(deps, args.refreshToken, ctx.log),
    signOut: async (_root: unknown, args: { refreshToken: string }) => {
      await endSession(deps, args.refreshToken);
      return true;
    },
  };
}
