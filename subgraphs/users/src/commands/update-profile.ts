import { NotFound } from '@sx/core';
import type { Caller } from '@sx/events';
import { appendAudit } from '../db/audit-queries.js';
import { findUsersByIds, updateUserProfile } from '../db/user-queries.js';
import type { UserRow } from '../db/tables.js';
import type { UsersDeps } from '../deps.js';
import { userAudit } from '../domain/audit.js';
import type { ProfileChanges } from '../domain/profile.js';
import { recordUserUpdated } from '../events/admin-events.js';

/** updateProfile's input: the caller, the parsed changes (only the fields given) and the request id. */
export interface UpdateProfileCommand {
  caller: Caller;
  changes: ProfileChanges;
  requestId?: string | null;
}

const PROFILE_FIELDS = ['name', 'bio', 'skills'] as const;

/**
 * Changes the caller's own profile; with nothing to change, answers it as it is. A change is
 * audited and announced (users.user.updated) in its own transaction.
 */
export async function updateProfile(deps: UsersDeps, command: UpdateProfileCommand): Promise<UserRow> {
  const { caller, changes } = command;
  const user = await deps.db.transaction(async (tx) => {
    if (Object.keys(changes).length === 0) return (await findUsersByIds(tx, [caller.userId]))[0] ?? null;
    const updated = await updateUserProfile(tx, { id: caller.userId, changes });
    if (!updated) return null;
    const changed = PROFILE_FIELDS.filter((field) => changes[field] !== undefined);
    await recordUserUpdated(tx, { userId: updated.id, name: updated.name, bio: updated.bio, skills: updated.skills, changed });
    await appendAudit(tx, userAudit('PROFILE_UPDATED', { actorId: caller.userId, requestId: command.requestId ?? null }, updated.id, `changed: ${changed.join(', ')}`));
    return updated;
  });
  if (!user) throw new NotFound('USER_NOT_FOUND', 'Your account no longer exists; sign up again.');
  return user;
}
