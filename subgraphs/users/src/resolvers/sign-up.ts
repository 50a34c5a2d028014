import { signUp } from '../commands/sign-up.js';
import type { UsersDeps } from '../deps.js';
import { countedSignUp } from '../sign-up-metrics.js';
import { parseEmail } from '../domain/email.js';
import { assertPasswordPolicy } from '../domain/password-policy.js';
import { parseName } from '../domain/profile.js';
import { parseSignUpRoles } from '../domain/sign-up-roles.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export function signUpResolver(deps: UsersDeps): MutationResolvers['signUp'] {
  return (_root, { input }, ctx) =>
    countedSignUp(deps.signUps, async () => {
      const email = parseEmail(input.email);
      const name = parseName(input.name);
      const roles = parseSignUpRoles(input.roles);
      assertPasswordPolicy(input.password, email);
      return signUp(deps, { email, password: input.password, name, roles, ip: ctx.identity.ip });
    });
}
