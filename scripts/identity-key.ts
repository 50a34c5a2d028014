import { deriveIdentityKey } from '@sx/runtime';
import { SUBGRAPHS } from '@sx/stack';

// `npm run identity-key -- <subgraph>`: prints the subgraph's own signing key (IDENTITY_KEY),
// derived from the master IDENTITY_SECRET in the environment, for deployments that give each
// subgraph only its own key (docs/security.md, "What a subgraph trusts").
const name = process.argv[2] ?? '';
const master = process.env.IDENTITY_SECRET;
if (!SUBGRAPHS.some((s) => s.name === name) || !master) {
  process.stderr.write(`usage: IDENTITY_SECRET=<master> npm run identity-key -- <${SUBGRAPHS.map((s) => s.name).join('|')}>\n`);
  process.exit(64); // EX_USAGE
}
process.stdout.write(`${deriveIdentityKey(master, name)}\n`);
