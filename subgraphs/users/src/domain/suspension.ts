import { BadUserInput, parseModerationReason } from '@sx/core';

/** A suspension's reason (the audit log and administrators read it). */
export const parseSuspensionReason = (raw: string): string => parseModerationReason(raw, 'the suspension');

/** What suspending an account does, given whether it is suspended already. */
export type SuspensionDecision = 'suspend' | 'unchanged';

/** An administrator may suspend anyone but themself; a suspended account stays as it is. */
export function decideSuspension(args: { adminId: string; targetId: string; suspended: boolean }): SuspensionDecision {
  if (args.adminId === args.targetId) throw new BadUserInput('CANNOT_SUSPEND_SELF', 'You cannot suspend your own account.', { field: 'userId' });
  return args.suspended ? 'unchanged' : 'suspend';
}

/** Roles after granting or revoking ADMIN, or null when nothing changes. */
export function rolesWithAdmin(roles: readonly string[], grant: boolean): string[] | null {
  const has = roles.includes('ADMIN');
  if (has === grant) return null;
  if (grant) return [...roles, 'ADMIN'];
  const rest = roles.filter((r) => r !== 'ADMIN');
  // Every account has a role (the database checks it): an admin-only account has nothing to fall back to.
  if (rest.length === 0) throw new BadUserInput('INVALID_INPUT', 'This account has no role but ADMIN; it cannot lose it.', { field: 'email' });
  return rest;
}
