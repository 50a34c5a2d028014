import { BadUserInput, Forbidden, type Role } from '@sx/core';

/** What a new account is when the client does not say: a person can both post and do tasks. */
export const DEFAULT_SIGN_UP_ROLES: readonly Role[] = ['POSTER', 'TASKER'];

/** The roles a person may give themself at sign-up; ADMIN is only ever granted by an administrator. */
export function parseSignUpRoles(requested: readonly Role[] | null | undefined): Role[] {
  if (requested == null) return [...DEFAULT_SIGN_UP_ROLES];
  if (requested.includes('ADMIN')) {
    throw new Forbidden('ADMIN_ROLE_NOT_SELF_ASSIGNABLE', 'The ADMIN role cannot be chosen at sign-up; sign up as POSTER and/or TASKER.', { field: 'roles' });
  }
  const roles = [...new Set(requested)];
  if (roles.length === 0) throw new BadUserInput('INVALID_INPUT', 'Choose at least one role: POSTER, TASKER or both.', { field: 'roles' });
  return roles;
}
