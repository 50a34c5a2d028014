import { NotFound, type Role } from '@sx/core';
import type { Db } from '@sx/runtime';
import { lockUser, setRoles } from '../db/admin-queries.js';
import { appendAudit } from '../db/audit-queries.js';
import { revokeAllFamilies } from '../db/account-token-queries.js';
import { findCredentialsByEmail } from '../db/user-queries.js';
import type { UserRow } from '../db/tables.js';
import { userAudit } from '../domain/audit.js';
import { normalizeEmail } from '../domain/email.js';
import { rolesWithAdmin } from '../domain/suspension.js';
import { recordUserRolesChanged } from '../events/admin-events.js';
import { recordSessionEnded } from '../events/user-events.js';

/** `npm run admin -- grant|revoke <email>`: who, which way, and who ran the tool (for the audit). */
export interface ChangeAdminRoleCommand {
  email: string;
  grant: boolean;
  /** Who ran the tool (the operating-system user), written into the audit entry's details. */
  operator: string;
}

export interface AdminRoleChange {
  user: UserRow;
  changed: boolean;
}

/**
 * Grants or revokes ADMIN, audited with the system as the actor (the tool is not a signed-in
 * user). A revocation also ends every session of the account: access tokens carry the roles they
 * were issued with, so the old ones must stop working now, not in 15 minutes.
 */
export async function changeAdminRole(db: Db, command: ChangeAdminRoleCommand): Promise<AdminRoleChange> {
  return db.transaction(async (tx) => {
    const found = await findCredentialsByEmail(tx, normalizeEmail(command.email));
    const user = found ? await lockUser(tx, found.id, 'update') : null;
    if (!user) throw new NotFound('USER_NOT_FOUND', `No account has the email ${command.email}.`);
    const roles = rolesWithAdmin(user.roles, command.grant) as Role[] | null;
    if (!roles) return { user, changed: false };
    const updated = await setRoles(tx, { userId: user.id, roles });
    if (!command.grant) {
      for (const familyId of await revokeAllFamilies(tx, user.id)) await recordSessionEnded(tx, { userId: user.id, sessionId: familyId });
    }
    await recordUserRolesChanged(tx, { userId: user.id, roles });
    const details = `${command.grant ? 'ADMIN granted' : 'ADMIN revoked'} with the admin command-line tool by ${command.operator}`;
    await appendAudit(tx, userAudit(command.grant ? 'ROLE_GRANTED' : 'ROLE_REVOKED', { actorId: null, requestId: null }, user.id, details));
    return { user: updated, changed: true };
  });
}
