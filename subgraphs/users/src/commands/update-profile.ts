import { NotFound } from '@sx/core';
import { findUsersByIds, updateUserProfile } from '../db/user-queries.js';
import type { UserRow } from '../db/tables.js';
import type { UsersDeps } from '../deps.js';
import type { Caller } from '@sx/events';
import type { ProfileChanges } from '../domain/profile.js';

/** updateProfile's input: the caller and the parsed changes (only the fields given). */
export interface UpdateProfileCommand {
  caller: Caller;
  changes: ProfileChanges;
}

/** Changes the caller's own profile; with nothing to change, answers it as it is. */
export async function updateProfile(deps: UsersDeps, command: UpdateProfileCommand): Promise<UserRow> {
  const { caller, changes } = command;
  const user = await deps.db.transaction(async (tx) => {
    if (Object.keys(changes).length === 0) return (await findUsersByIds(tx, [caller.userId]))[0] ?? null;
    return updateUserProfile(tx, { id: caller.userId, changes });
  });
  if (!user) throw new NotFound('USER_NOT_FOUND', 'Your account no longer exists; sign up again.');
  return user;
}
