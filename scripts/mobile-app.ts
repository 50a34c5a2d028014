import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The Expo app (examples/mobile) installs and bundles on its own: it is not an npm workspace,
// because Expo 54 pins React 19.1 and the workspace uses 19.3 (docs/decisions.md). Used by its
// test (e2e/mobile-app.test.ts) and by hand:
//   npx tsx scripts/mobile-app.ts install                      npm ci there, when its lockfile changed
//   npx tsx scripts/mobile-app.ts export android ios web       expo export into examples/mobile/dist/

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MOBILE_DIR = path.join(REPO_ROOT, 'examples/mobile');
export const MOBILE_PLATFORMS = ['android', 'ios', 'web'] as const;
export type MobilePlatform = (typeof MOBILE_PLATFORMS)[number];

/** A cold install of Expo is a few hundred packages; exports take a minute on two cores. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const EXPORT_TIMEOUT_MS = 10 * 60_000;
/** Written into node_modules after an install: the hash of the lockfile it installed. */
const INSTALL_MARKER = 'node_modules/.sx-installed-lock-hash';

const run = promisify(execFile);

/** npm and Expo's CLI run with this Node (24), whichever `node` comes first on the machine's PATH. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

function lockHash(): string {
  return createHash('sha256').update(readFileSync(path.join(MOBILE_DIR, 'package-lock.json'))).digest('hex');
}

/**
 * `npm ci` in examples/mobile unless its node_modules was installed from this very lockfile.
 * Everything comes from the npm registry (npm's cache first); nothing else is downloaded.
 */
export async function ensureMobileInstall(log: (line: string) => void = () => undefined): Promise<'up-to-date' | 'installed'> {
  const marker = path.join(MOBILE_DIR, INSTALL_MARKER);
  const wanted = lockHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === wanted) return 'up-to-date';
  const started = Date.now();
  log('Installing the mobile app (npm ci in examples/mobile)…');
  await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: MOBILE_DIR, env: childEnv(), timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(marker, `${wanted}\n`);
  log(`the mobile app installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'installed';
}

/**
 * `expo export` of the app for `platforms` into `outDir`, with source maps (what the test reads
 * to see which modules went in). Android and iOS come out as Hermes bytecode, the web as a static
 * site. Offline: Metro bundles what is installed.
 */
export async function exportMobileApp(opts: { platforms: readonly MobilePlatform[]; outDir: string; env?: Record<string, string> }): Promise<{ stdout: string }> {
  const cli = path.join(MOBILE_DIR, 'node_modules/expo/bin/cli');
  const platformArgs = opts.platforms.flatMap((platform) => ['--platform', platform]);
  const { stdout } = await run(process.execPath, [cli, 'export', ...platformArgs, '--output-dir', opts.outDir, '--source-maps'], {
    cwd: MOBILE_DIR,
    // CI=1: no interactive prompts, no dev-server niceties.
    env: childEnv({ CI: '1', ...opts.env }),
    timeout: EXPORT_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout };
}

function isPlatform(name: string): name is MobilePlatform {
  return (MOBILE_PLATFORMS as readonly string[]).includes(name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (command === 'install') {
    if ((await ensureMobileInstall(log)) === 'up-to-date') log('the mobile app: installed and up to date.');
  } else if (command === 'export' && rest.length > 0 && rest.every(isPlatform)) {
    await ensureMobileInstall(log);
    const { stdout } = await exportMobileApp({ platforms: rest.filter(isPlatform), outDir: path.join(MOBILE_DIR, 'dist') });
    process.stdout.write(stdout);
  } else {
    process.stderr.write(`usage: npx tsx scripts/mobile-app.ts install | export <${MOBILE_PLATFORMS.join('|')}>…\n`);
    process.exit(2);
  }
}
