import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportMobileApp, MOBILE_DIR, type MobilePlatform } from '../scripts/mobile-app.js';

// One `expo export` of the mobile app per content, shared by every test file that reads it
// (e2e/mobile-app.test.ts inspects the Android and iOS bundles and drives the web build; the
// mobile browser tests drive the web build). Each used to run its own export — Metro on two
// cores, tens of seconds each — of the very same sources. The folder is keyed by a hash of
// everything the export reads and the platforms, so a changed source, lockfile or setting makes
// a new one.

/** Where the exports are kept, one folder per content hash (the OS's temp folder: never committed). */
export const MOBILE_EXPORTS_DIR = path.join(tmpdir(), 'sx-mobile-exports');
/** What Metro bundles besides the app: the workspace packages its metro.config.js watches. */
const WORKSPACE_INPUTS = ['packages/sdk', 'packages/react'];
/** Outputs and installs inside those folders; the lockfile stands for node_modules. */
const NOT_INPUTS = new Set(['node_modules', 'dist', '.expo']);
/** An export nobody used for this long is removed (another worktree's run may still read a younger one). */
const UNUSED_EXPORT_MS = 24 * 60 * 60_000;
/** How often a file waiting on another process's export looks again. */
const WAIT_POLL_MS = 500;

function addTree(hash: ReturnType<typeof createHash>, root: string, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (NOT_INPUTS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) addTree(hash, root, full);
    else if (entry.isFile()) hash.update(`${path.relative(root, full)}\0`).update(readFileSync(full)).update('\0');
  }
}

/**
 * The hash of the export's inputs: the platforms, the app's files (with its lockfile), the
 * workspace packages' files, the Node version running Expo, and the environment the app's config
 * and Metro read.
 */
export function mobileExportKey(platforms: readonly MobilePlatform[]): string {
  const repoRoot = path.resolve(MOBILE_DIR, '../..');
  const hash = createHash('sha256');
  for (const dir of [path.relative(repoRoot, MOBILE_DIR), ...WORKSPACE_INPUTS]) addTree(hash, repoRoot, path.join(repoRoot, dir));
  const env = Object.entries(process.env).filter(([name]) => name === 'SX_API_URL' || name.startsWith('EXPO_') || name === 'NODE_ENV');
  hash.update(JSON.stringify([process.version, [...platforms].sort(), env.sort(([a], [b]) => a.localeCompare(b))]));
  return `${[...platforms].sort().join('-')}-${hash.digest('hex').slice(0, 24)}`;
}

function ownerAlive(lockDir: string): boolean {
  const pid = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the key's lock (a directory: mkdir is atomic), or returns false while a live process holds it. */
function tryLock(lockDir: string): boolean {
  try {
    mkdirSync(lockDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A lock left by a process that died (a killed run) is taken over; one just made has no pid yet.
    if (!existsSync(path.join(lockDir, 'pid')) || ownerAlive(lockDir)) return false;
    rmSync(lockDir, { recursive: true, force: true });
    return tryLock(lockDir);
  }
  writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
  return true;
}

function pruneUnused(keep: string): void {
  for (const name of readdirSync(MOBILE_EXPORTS_DIR)) {
    const full = path.join(MOBILE_EXPORTS_DIR, name);
    // Another process may remove an entry between the listing and the look.
    const mtimeMs = statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (name !== keep && Date.now() - mtimeMs > UNUSED_EXPORT_MS) rmSync(full, { recursive: true, force: true });
  }
}

/**
 * The folder of the app exported for `platforms` (with source maps) from the sources as they are
 * now: made by the first caller (in any process), waited for by the others, read-only for everyone.
 */
export async function exportedMobileApp(platforms: readonly MobilePlatform[]): Promise<string> {
  mkdirSync(MOBILE_EXPORTS_DIR, { recursive: true });
  const key = mobileExportKey(platforms);
  const done = path.join(MOBILE_EXPORTS_DIR, key);
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(done)) {
      utimesSync(done, new Date(), new Date());
      return done;
    }
    if (tryLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
  try {
    // Checked again under the lock: another process may have finished between the look and the lock.
    if (existsSync(done)) return done;
    const building = mkdtempSync(path.join(MOBILE_EXPORTS_DIR, `${key}.building-`));
    // Metro's cache of its own (it lives under TMPDIR): the machine's shared /tmp/metro-cache, once
    // an export was killed in the middle, failed every later web export ("dependencies is not
    // iterable"). This export is itself the cache now, so a cold Metro costs only on a change.
    const metroTmp = mkdtempSync(path.join(MOBILE_EXPORTS_DIR, `${key}.tmp-`));
    try {
      await exportMobileApp({ platforms, outDir: building, env: { TMPDIR: metroTmp } });
      // Whole or not at all: a folder under the key's name is always a finished export.
      renameSync(building, done);
    } finally {
      rmSync(building, { recursive: true, force: true });
      rmSync(metroTmp, { recursive: true, force: true });
    }
    pruneUnused(key);
    return done;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
