import { accountEmailMutations } from './account-emails.js';
import { adminMutations, adminQueries, auditEntryResolvers } from './admin.js';
import { DateTimeScalar } from '@sx/runtime';
import type { UsersDeps } from '../deps.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { sessionMutations } from './sessions.js';
import { signUpResolver } from './sign-up.js';
import { updateProfileResolver } from './update-profile.js';
import { userQueries, userResolvers } from './user.js';

export function createResolvers(deps: UsersDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    User: userResolvers,
    AuditEntry: auditEntryResolvers,
    Query: { ...userQueries, ...adminQueries },
    Mutation: {
      signUp: signUpResolver(deps),
      ...sessionMutations(deps),
      updateProfile: updateProfileResolver(deps),
      ...accountEmailMutations(deps),
      ...adminMutations(deps),
    },
  };
}
