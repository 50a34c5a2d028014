import { requestPasswordReset, resetPassword, verifyEmail } from '../commands/account-emails.js';
import type { UsersDeps } from '../deps.js';
import { assertPasswordPolicy } from '../domain/password-policy.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

/** The account-email mutations: none needs a signed-in caller (the mailed token is the proof). */
export function accountEmailMutations(deps: UsersDeps): Pick<MutationResolvers, 'verifyEmail' | 'requestPasswordReset' | 'resetPassword'> {
  return {
    verifyEmail: async (_, args, ctx) => {
      await verifyEmail(deps, { token: args.token, ip: ctx.identity.ip });
      ctx.log.info('email verified');
      return true;
    },
    requestPasswordReset: async (_, args, ctx) => {
      await requestPasswordReset(deps, { email: args.email, ip: ctx.identity.ip });
      return true;
    },
    resetPassword: async (_, args, ctx) => {
      // The address is not known before the token is spent: the policy's other rules apply.
      assertPasswordPolicy(args.input.newPassword, '');
      await resetPassword(deps, { ...args.input, ip: ctx.identity.ip, requestId: ctx.requestId ?? null });
      ctx.log.info('password reset; every session ended');
      return true;
    },
  };
}
