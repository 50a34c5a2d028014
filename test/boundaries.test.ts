import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The layering of docs/architecture.md, held by the rules in .dependency-cruiser.cjs: the real
// tree must have no violation, and a fixture tree with planted ones must have exactly those.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/boundary-violations');
const TSCONFIG = path.join(ROOT, 'tsconfig.json');
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as Required<Pick<IConfiguration, 'forbidden' | 'options'>>;

const SUBGRAPHS = ['users', 'tasks', 'bids', 'wallet', 'reviews', 'notifications', 'analytics', 'groups'];

async function cruiseTree(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  const { output } = await cruise(
    folders,
    { ...config.options, baseDir, tsConfig: { fileName: TSCONFIG }, ruleSet: { forbidden: config.forbidden }, validate: true },
    {},
    { tsConfig: extractTSConfig(TSCONFIG) },
  );
  if (typeof output === 'string') throw new Error(`dependency-cruiser answered with text: ${output.slice(0, 200)}`);
  return output;
}

/** `rule: from → to`, with targets outside the cruised tree named by package (npm:pg) or repo path. */
function violationsOf(result: ICruiseResult): string[] {
  const target = (to: string) =>
    to.replace(/^(\.\.\/)*node_modules\/(@types\/)?((@[^/]+\/)?[^/]+)\/.*$/, 'npm:$3').replace(/^(\.\.\/)+(?=packages\/)/, '');
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${target(v.to)}`).sort();
}

describe('layer boundaries', () => {
  it('holds in the real tree: every subgraph, every package, the gateway', async () => {
    const result = await cruiseTree(ROOT, ['subgraphs', 'packages', 'gateway/src', 'gateway/test']);
    // The check really looked at each layer of each subgraph (a resolution failure would not hide them).
    const sources = result.modules.map((m) => m.source);
    for (const name of SUBGRAPHS) {
      for (const layer of ['domain', 'resolvers', 'db']) {
        expect(sources.some((s) => s.startsWith(`subgraphs/${name}/src/${layer}/`)), `${name}/src/${layer}`).toBe(true);
      }
    }
    expect(sources).toContain('packages/core/src/index.ts');
    expect(violationsOf(result)).toEqual([]);
    // Cruising ~450 modules takes 2 s of CPU; allow for a machine shared with other test runs.
  }, 60_000);

  it('reports each planted violation by rule, and nothing in the clean files', async () => {
    const result = await cruiseTree(FIXTURE, ['subgraphs', 'packages']);
    expect(violationsOf(result)).toEqual(
      [
        'subgraphs-never-import-each-other: subgraphs/alpha/src/commands/steal-from-beta.ts → subgraphs/beta/src/db/tables.ts',
        'domain-is-pure: subgraphs/alpha/src/domain/reads-db.ts → subgraphs/alpha/src/db/tables.ts',
        'domain-is-pure: subgraphs/alpha/src/domain/uses-generated-types.ts → subgraphs/alpha/src/generated/resolvers-types.ts',
        'domain-is-pure: subgraphs/alpha/src/domain/uses-loaders.ts → subgraphs/alpha/src/loaders.ts',
        'domain-is-pure: subgraphs/alpha/src/domain/uses-pg.ts → npm:pg',
        'domain-is-pure: subgraphs/alpha/src/domain/uses-runtime.ts → packages/runtime/src/index.ts',
        'resolvers-reach-the-database-only-through-commands-and-loaders: subgraphs/alpha/src/resolvers/reads-table.ts → subgraphs/alpha/src/db/tables.ts',
        'resolvers-reach-the-database-only-through-commands-and-loaders: subgraphs/alpha/src/resolvers/uses-drizzle.ts → npm:drizzle-orm',
        'packages-never-import-subgraphs: packages/shared/src/knows-alpha.ts → subgraphs/alpha/src/db/tables.ts',
        'core-stands-alone: packages/core/src/uses-node.ts → fs',
        'core-stands-alone: packages/core/src/uses-runtime.ts → packages/runtime/src/index.ts',
        'imports-resolve: subgraphs/alpha/src/commands/import-nowhere.ts → ./nowhere.js',
      ].sort(),
    );
  });
});
