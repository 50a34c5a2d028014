import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@sx/stack';
import { API_SCHEMA_PATH, composeSupergraph, printApiSchema, SUPERGRAPH_PATH } from './supergraph.js';

// `npm run compose`: writes schema/supergraph.graphql (what the gateway serves) and
// schema/api.graphql (what clients see; the SDK is generated from it) from the subgraph SDLs,
// with no network and no rover.
const result = composeSupergraph();
const api = printApiSchema();
const errors = [...(result.ok ? [] : result.errors), ...(api.ok ? [] : api.errors)];
if (!result.ok || !api.ok) {
  process.stderr.write(`Composition failed:\n${[...new Set(errors)].map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
writeFileSync(API_SCHEMA_PATH, api.sdl);
for (const file of [SUPERGRAPH_PATH, API_SCHEMA_PATH]) process.stdout.write(`Wrote ${path.relative(REPO_ROOT, file)}\n`);
