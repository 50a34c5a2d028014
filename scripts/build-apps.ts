import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Builds the repo's Vite apps into their dist/ (not committed) when missing or stale:
//   npx tsx scripts/build-apps.ts [graphiql] [web] [--force]     (no name: every app)
// `npm run build:graphiql`, `npm run build:web`, `npm start` (GraphiQL) and the test setup (both)
// use it; an app whose inputs did not change since its last build is left alone in milliseconds.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HASH_FILE = '.inputs-hash';

export interface ViteApp {
  /** What the logs call it. */
  label: string;
  /** The app's folder from the repo root; also its key in package-lock.json (a workspace). */
  dir: string;
}

export const VITE_APPS = {
  graphiql: { label: 'GraphiQL', dir: 'gateway/graphiql' },
  web: { label: 'the example web app', dir: 'examples/web' },
  admin: { label: 'the admin app', dir: 'examples/admin' },
} satisfies Record<string, ViteApp>;

export type ViteAppName = keyof typeof VITE_APPS;

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Files under `dir` but installs, outputs and dot-entries (build scratch folders, the hash). */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
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
 * Every package the bundle can be built from: the app's dependencies and theirs, with workspace
 * links followed to the linked folder (the web app bundles @sx/sdk's sources). A linked
 * workspace's devDependencies are its own tooling, never bundled, so they are not followed.
 * Returns the locked versions and the workspace folders (whose files are hashed too).
 */
function lockedClosure(appDir: string): { versions: string[]; workspaces: string[] } {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const { packages } = lock;
  const seen = new Set<string>();
  const workspaces = new Set<string>();
  const pending = [appDir];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = packages[key] ?? {};
    if (entry.link && entry.resolved) {
      pending.push(entry.resolved);
      continue;
    }
    if (!key.includes('node_modules/') && key !== appDir) workspaces.add(key);
    const dev = key === appDir ? entry.devDependencies : undefined;
    const names = [entry.dependencies, dev, entry.optionalDependencies, entry.peerDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    for (const name of names) {
      const found = resolveLockKey(packages, key, name);
      if (found) pending.push(found); // absent: an optional dependency for another platform
    }
  }
  const versions = [...seen].sort().map((key) => `${key}@${packages[key]?.version ?? ''}#${packages[key]?.integrity ?? ''}`);
  return { versions, workspaces: [...workspaces].sort() };
}

/** A hash of everything that goes into the app's bundle, so a lockfile change elsewhere does not force a rebuild. */
export function appInputsHash(app: ViteApp): string {
  const hash = createHash('sha256');
  const { versions, workspaces } = lockedClosure(app.dir);
  // A linked workspace contributes its package.json and src/ (what a bundler reads of it).
  const workspaceFiles = workspaces.flatMap((dir) => [path.join(REPO_ROOT, dir, 'package.json'), ...sourceFiles(path.join(REPO_ROOT, dir, 'src'))]);
  for (const file of [...sourceFiles(path.join(REPO_ROOT, app.dir)), ...workspaceFiles]) {
    hash.update(`${path.relative(REPO_ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  }
  for (const line of versions) hash.update(`${line}\n`);
  return hash.digest('hex');
}

function builtHash(dist: string): string | undefined {
  const file = path.join(dist, HASH_FILE);
  return existsSync(file) && existsSync(path.join(dist, 'index.html')) ? readFileSync(file, 'utf8').trim() : undefined;
}

async function viteBuild(appDir: string, outDir: string): Promise<void> {
  // vite is the app's dependency; resolve it from there, not from this script's folder.
  const vitePath = createRequire(path.join(appDir, 'package.json')).resolve('vite');
  const vite = (await import(pathToFileURL(vitePath).href)) as { build: (config: Record<string, unknown>) => Promise<unknown> };
  await vite.build({ root: appDir, configFile: path.join(appDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/**
 * Builds `<app>/dist` unless it was built from the same inputs. The build goes to a scratch
 * folder renamed into place, so a server never serves a half-written bundle and two runs
 * building at once do not interleave files.
 */
export async function ensureAppBuild(app: ViteApp, opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<'up-to-date' | 'built'> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const appDir = path.join(REPO_ROOT, app.dir);
  const dist = path.join(appDir, 'dist');
  const inputs = appInputsHash(app);
  if (!opts.force && builtHash(dist) === inputs) return 'up-to-date';
  const started = Date.now();
  log(`Building ${app.label} (${app.dir} → ${app.dir}/dist)…`);
  const scratch = path.join(appDir, `.build-${process.pid}`);
  try {
    await viteBuild(appDir, scratch);
    writeFileSync(path.join(scratch, HASH_FILE), `${inputs}\n`);
    rmSync(dist, { recursive: true, force: true });
    renameSync(scratch, dist);
  } catch (err) {
    // Another run may have put the same build in place between our rm and rename.
    if (builtHash(dist) !== inputs) throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`${app.label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

/** GraphiQL, which the gateway serves at /graphql (`npm start` builds it before starting). */
export function ensureGraphiqlBuild(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<'up-to-date' | 'built'> {
  return ensureAppBuild(VITE_APPS.graphiql, opts);
}

function isAppName(name: string): name is ViteAppName {
  return Object.hasOwn(VITE_APPS, name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((arg) => !arg.startsWith('--'));
  const unknown = names.filter((name) => !isAppName(name));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown app ${unknown.join(', ')}; known: ${Object.keys(VITE_APPS).join(', ')}\n`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? names.filter(isAppName) : (Object.keys(VITE_APPS) as ViteAppName[]);
  // One after the other: each build uses every core there is.
  for (const name of chosen) {
    const app = VITE_APPS[name];
    const result = await ensureAppBuild(app, { force: args.includes('--force') });
    if (result === 'up-to-date') process.stdout.write(`${app.label}: up to date (${app.dir}/dist).\n`);
  }
}
