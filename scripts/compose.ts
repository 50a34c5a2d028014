import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@sx/stack';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph.js';

// `npm run compose`: writes schema/supergraph.graphql from the subgraph SDLs (no network, no rover).
const result = composeSupergraph();
if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
process.stdout.write(`Wrote ${path.relative(REPO_ROOT, SUPERGRAPH_PATH)}\n`);
