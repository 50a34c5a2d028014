import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stackInfo } from '@sx/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The SDK as an app outside this repository gets it: `npm pack` (which builds dist/), the tarball
// installed into a fresh project under the OS's temp folder (its dependencies from the registry,
// offline when npm's cache has them), compiled there with Node's own resolution, and run against
// this run's gateway.

const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
const CONSUMER_FIXTURE = fileURLToPath(new URL('./fixtures/packed-consumer/', import.meta.url));
/** The repo's compiler, run on the consumer's files: they resolve everything from its node_modules. */
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const NPM_MS = 180_000;

const run = promisify(execFile);
/** npm on PATH runs with this Node (24), not whichever `node` comes first on the machine. */
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

interface PackedFile {
  path: string;
}

let consumer: string;
let packedFiles: string[];

beforeAll(async () => {
  consumer = mkdtempSync(path.join(tmpdir(), 'sx-sdk-consumer-'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', consumer], { cwd: SDK_DIR, env, timeout: NPM_MS });
  // npm prints the prepack build's output before its JSON.
  const [summary] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: PackedFile[] }[];
  if (!summary) throw new Error(`npm pack said nothing about a tarball: ${packed.stdout}`);
  packedFiles = summary.files.map((f) => f.path).sort();
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'sx-sdk-consumer', private: true, type: 'module' }, null, 2));
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `./${summary.filename}`, '@types/node@24'],
    { cwd: consumer, env, timeout: NPM_MS },
  );
  for (const file of ['program.ts', 'tsconfig.json']) copyFileSync(path.join(CONSUMER_FIXTURE, file), path.join(consumer, file));
}, NPM_MS * 2);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

/** Runs the consumer's tsc; resolves with its output whether it passed or not. */
async function typeCheck(): Promise<{ ok: boolean; output: string }> {
  try {
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: consumer });
    return { ok: true, output: '' };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout) };
  }
}

describe('the packed SDK in a project outside the repository', () => {
  it('ships the ESM build, its type declarations, the README and the changelog, and no sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts', 'dist/client.js']));
    expect(packedFiles.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'CHANGELOG.md'].includes(f))).toEqual([]);
    expect(packedFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(consumer, 'node_modules/@sx/sdk/package.json'), 'utf8')) as { version: string; private?: boolean };
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.private).toBeUndefined();
  });

  it('type-checks a program against its declarations with Node resolution, and runs it against the gateway', { timeout: 120_000 }, async () => {
    expect(await typeCheck()).toEqual({ ok: true, output: '' });
    const { stdout } = await run(process.execPath, ['build/program.js'], { cwd: consumer, env: { ...env, SX_API_URL: stackInfo().gatewayUrl }, timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
      refusedCode: string;
      signedUpName: string;
      signedUpId: string;
      viewer: { id: string; email: string; roles: string[] };
      firstEvent: { kind: string; balance: { amount: number; currency: string } };
      deposits: number;
    };
    expect(result.refusedCode).toBe('UNAUTHENTICATED');
    expect(result.signedUpName).toBe('Packed Consumer');
    expect(result.viewer).toEqual({ id: result.signedUpId, email: expect.stringMatching(/^packed\..+@example\.test$/), roles: ['POSTER'] });
    // Some deposit's event: its balance is a whole number of the 12.50 deposits made.
    expect(result.firstEvent.kind).toBe('DEPOSITED');
    expect(result.firstEvent.balance.currency).toBe('EUR');
    expect(result.firstEvent.balance.amount % 1250).toBe(0);
    expect(result.firstEvent.balance.amount).toBeLessThanOrEqual(result.deposits * 1250);
  });

  it('refuses, at compile time, variables that do not match the operation', { timeout: 120_000 }, async () => {
    writeFileSync(
      path.join(consumer, 'wrong-variables.ts'),
      "import { createClient, NearbyTasksDocument } from '@sx/sdk';\nawait createClient({ url: 'http://localhost:4000/graphql' }).request(NearbyTasksDocument, { lat: 'north', lng: 13.4, radiusKm: 5 });\n",
    );
    try {
      const checked = await typeCheck();
      expect(checked.ok).toBe(false);
      expect(checked.output).toMatch(/wrong-variables\.ts.*error TS2322: Type 'string' is not assignable to type 'number'/);
    } finally {
      rmSync(path.join(consumer, 'wrong-variables.ts'));
    }
  });
});
