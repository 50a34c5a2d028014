import type { Role } from '@sx/runtime';
import { createAccount } from '../auth/accounts.js';
import type { UsersDeps } from '../deps.js';
import { parseEmail } from '../domain/email.js';
import { assertPasswordPolicy } from '../domain/password-policy.js';
import { parseName } from '../domain/profile.js';
import { parseSignUpRoles } from '../domain/sign-up-roles.js';

interface SignUpArgs {
  input: { email: string; password: string; name: string; roles?: Role[] | null };
}

export function signUpResolver(deps: UsersDeps) {
  return async (_root: unknown, { input }: SignUpArgs) => {
    const email = parseEmail(input.email);
    const name = parseName(input.name);
    const roles = parseSignUpRoles(input.roles);
    assertPasswordPolicy(input.password, email);
    return createAccount(deps, { email, password: input.password, name, roles });
  };
}
