import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@sx/stack';
import { ERRORS_DOC_PATH, renderErrorsDoc, renderSdkReasons, SDK_REASONS_PATH, subgraphDirs, subgraphSdlWithReasons } from './error-catalogue.js';

// `npm run errors:docs`: docs/errors.md, the SDK's reason union and each subgraph's ErrorReason
// enum, from the catalogue. Run `npm run compose` afterwards so the supergraph picks up the enums.
const written = [
  [ERRORS_DOC_PATH, renderErrorsDoc()],
  [SDK_REASONS_PATH, renderSdkReasons()],
  ...subgraphDirs().map((dir) => {
    const { file, sdl } = subgraphSdlWithReasons(dir);
    return [file, sdl] as const;
  }),
] as const;
for (const [file, text] of written) {
  writeFileSync(file, text);
  process.stdout.write(`Wrote ${path.relative(REPO_ROOT, file)}\n`);
}
