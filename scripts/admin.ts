import os from 'node:os';
import { DomainError } from '@sx/core';
import { baseEnvSchema, createDb, createPool, loadConfig } from '@sx/runtime';
import { changeAdminRole } from '../subgraphs/users/src/commands/change-admin-role.js';

// `npm run admin -- grant <email>` / `npm run admin -- revoke <email>`: the one way to make or
// unmake an administrator. It runs the users subgraph's own command against its database (the
// change, its users.user.roles_changed event and its audit entry in one transaction; the users
// service relays the event), so it needs DATABASE_URL, nothing else. Who ran it goes into the audit entry.
const USAGE = 'usage: npm run admin -- grant <email>\n       npm run admin -- revoke <email>\n';

const [verb, email, ...rest] = process.argv.slice(2);
if ((verb !== 'grant' && verb !== 'revoke') || !email || rest.length > 0) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const config = loadConfig(baseEnvSchema);
const pool = createPool({ url: config.DATABASE_URL, max: 1 });
const operator = process.env.SX_OPERATOR ?? os.userInfo().username;
try {
  const { user, changed } = await changeAdminRole(createDb(pool), { email, grant: verb === 'grant', operator });
  const state = user.roles.includes('ADMIN') ? 'is an administrator' : 'is not an administrator';
  const how = changed ? (verb === 'grant' ? 'granted' : 'revoked; every session of the account ended') : 'nothing to change';
  process.stdout.write(`${user.email} (${user.id}) ${state}: ${how}.\n`);
  if (changed && verb === 'grant') process.stdout.write('The role reaches their access token at their next sign-in or session refresh.\n');
} catch (err) {
  // A refusal (no such account, an ADMIN-only account) is told plainly; anything else is a bug.
  if (!(err instanceof DomainError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
