import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm run build:graphiql` (add --force to rebuild anyway). `npm start` and the test setup run it
// too; it rebuilds only when the bundle is missing or a hash of its inputs changed.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GRAPHIQL_DIR = path.join(REPO_ROOT, 'gateway/graphiql');
const DIST = path.join(GRAPHIQL_DIR, 'dist');
const HASH_FILE = '.inputs-hash';
const WORKSPACE_KEY = 'gateway/graphiql';

interface LockEntry {
  version?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The app's own files: everything in gateway/graphiql but installs, outputs and build scratch dirs. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !['node_modules', 'dist'].includes(entry.name) && !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sourceFiles(full) : [full];
    })
    .sort();
}

/** Where node would find `name` from the package at lockfile key `from` (nearest node_modules up the tree). */
function resolveLockKey(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  const parts = from.split('/');
  for (let i = parts.length; i >= 0; i -= 1) {
    const key = [...parts.slice(0, i), 'node_modules', name].join('/');
    if (packages[key]) return key;
  }
  return undefined;
}

/**
 * The locked version of every package the bundle is built from (the app's dependencies and
 * theirs), so a lockfile change elsewhere in the repo does not force a rebuild.
 */
function lockedClosure(): string[] {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const { packages } = lock;
  const seen = new Set<string>();
  const pending = [WORKSPACE_KEY];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = packages[key] ?? {};
    const names = [entry.dependencies, entry.devDependencies, entry.optionalDependencies, entry.peerDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    for (const name of names) {
      const found = resolveLockKey(packages, key, name);
      if (found) pending.push(found); // absent: an optional dependency for another platform
    }
  }
  return [...seen].sort().map((key) => `${key}@${packages[key]?.version ?? ''}#${packages[key]?.integrity ?? ''}`);
}

export function graphiqlInputsHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(GRAPHIQL_DIR)) {
    hash.update(`${path.relative(GRAPHIQL_DIR, file)}\0`).update(readFileSync(file)).update('\0');
  }
  for (const line of lockedClosure()) hash.update(`${line}\n`);
  return hash.digest('hex');
}

function builtHash(): string | undefined {
  const file = path.join(DIST, HASH_FILE);
  return existsSync(file) && existsSync(path.join(DIST, 'index.html')) ? readFileSync(file, 'utf8').trim() : undefined;
}

async function viteBuild(outDir: string): Promise<void> {
  // vite is the app's dependency; resolve it from there, not from this script's folder.
  const vitePath = createRequire(path.join(GRAPHIQL_DIR, 'package.json')).resolve('vite');
  const vite = (await import(pathToFileURL(vitePath).href)) as { build: (config: Record<string, unknown>) => Promise<unknown> };
  await vite.build({ root: GRAPHIQL_DIR, configFile: path.join(GRAPHIQL_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/**
 * Builds gateway/graphiql/dist unless it was built from the same inputs. The build goes to a
 * scratch folder renamed into place, so a gateway never serves a half-written bundle and two
 * runs building at once do not interleave files.
 */
export async function ensureGraphiqlBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<'up-to-date' | 'built'> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const inputs = graphiqlInputsHash();
  if (!opts.force && builtHash() === inputs) return 'up-to-date';
  const started = Date.now();
  log('Building GraphiQL (gateway/graphiql → gateway/graphiql/dist)…');
  const scratch = path.join(GRAPHIQL_DIR, `.build-${process.pid}`);
  try {
    await viteBuild(scratch);
    writeFileSync(path.join(scratch, HASH_FILE), `${inputs}\n`);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(scratch, DIST);
  } catch (err) {
    // Another run may have put the same build in place between our rm and rename.
    if (builtHash() !== inputs) throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`GraphiQL built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await ensureGraphiqlBuild({ force: process.argv.includes('--force') });
  if (result === 'up-to-date') process.stdout.write('GraphiQL bundle is up to date.\n');
}
