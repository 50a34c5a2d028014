import { NotFound, isUuid } from '@sx/core';
import type { Caller } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { lockUser, setSuspension } from '../db/admin-queries.js';
import { appendAudit } from '../db/audit-queries.js';
import { revokeAllFamilies } from '../db/account-token-queries.js';
import type { UserRow } from '../db/tables.js';
import type { UsersDeps } from '../deps.js';
import { userAudit } from '../domain/audit.js';
import { decideSuspension } from '../domain/suspension.js';
import { recordUserSuspended, recordUserUnsuspended } from '../events/admin-events.js';
import { recordSessionEnded } from '../events/user-events.js';

/** suspendUser / unsuspendUser input: the administrator (ADMIN checked by the resolver) and the account. */
export interface SuspensionCommand {
  caller: Caller;
  userId: string;
  requestId: string | null;
}

async function lockTarget(tx: Tx, userId: string): Promise<UserRow> {
  const user = isUuid(userId) ? await lockUser(tx, userId.toLowerCase(), 'update') : null;
  if (!user) throw new NotFound('USER_NOT_FOUND', 'No user has this id.');
  return user;
}

/**
 * Suspends the account and ends every session of it in one transaction: the gateways hear one
 * users.session.ended per session (tokens refused, sockets closed) and tasks hears
 * users.user.suspended (its tasks leave the listings). The row lock orders it with sign-ins.
 */
export async function suspendUser(deps: UsersDeps, command: SuspensionCommand & { reason: string }): Promise<UserRow> {
  return deps.db.transaction(async (tx) => {
    const target = await lockTarget(tx, command.userId);
    const decision = decideSuspension({ adminId: command.caller.userId, targetId: target.id, suspended: target.suspendedAt !== null });
    if (decision === 'unchanged') return target;
    const user = await setSuspension(tx, { userId: target.id, reason: command.reason });
    for (const familyId of await revokeAllFamilies(tx, target.id)) await recordSessionEnded(tx, { userId: target.id, sessionId: familyId });
    await recordUserSuspended(tx, { userId: target.id, reason: command.reason, requestId: command.requestId }, command.caller.userId);
    await appendAudit(tx, userAudit('USER_SUSPENDED', { actorId: command.caller.userId, requestId: command.requestId }, target.id, command.reason));
    return user;
  });
}

/** Lifts the suspension; the account signs in again like any other (no session comes back). */
export async function unsuspendUser(deps: UsersDeps, command: SuspensionCommand): Promise<UserRow> {
  return deps.db.transaction(async (tx) => {
    const target = await lockTarget(tx, command.userId);
    if (target.suspendedAt === null) return target;
    const user = await setSuspension(tx, { userId: target.id, reason: null });
    await recordUserUnsuspended(tx, { userId: target.id, requestId: command.requestId }, command.caller.userId);
    await appendAudit(tx, userAudit('USER_UNSUSPENDED', { actorId: command.caller.userId, requestId: command.requestId }, target.id));
    return user;
  });
}
