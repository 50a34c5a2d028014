/**
 * Everything the gateway bench runs against, started in one go: a fresh database seeded with the
 * data set, the five subgraphs and our gateway (the same launcher as `npm start`), Hive Gateway
 * and the stock Apollo gateway on free ports; and the way to stop it all again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import argon2 from 'argon2';
import pg from 'pg';
import { signAccessToken } from '@sx/runtime';
import { encodeCursor } from '@sx/core';
import { DRIVEN_STACK_LIMITS, freePort, launchStack, REPO_ROOT, SUBGRAPHS, subgraphUrlVariable, type RunningStack } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase } from '@sx/testkit';
import type { OperationInputs } from './operations.js';
import { startGatewayProcess, type GatewayProcess } from './processes.js';
import { seedBenchData } from './seed.js';
import { seedInconsistencies } from './seed-check.js';
import { benchId, type SeedScale } from './seed-plan.js';
import type { GatewayName } from './summary.js';
import { benchSecrets } from './viewer.js';

export interface BenchSetup {
  gateways: Partial<Record<GatewayName, GatewayProcess>>;
  subgraphBaseUrls: string[];
  inputs: OperationInputs;
  seeded: Record<string, number>;
  postgresVersion: string;
  stop: () => Promise<void>;
}

/** The committed supergraph, routed to this run's subgraph ports (Hive and stock Apollo read the URLs from it). */
function supergraphFor(stack: RunningStack, dir: string): string {
  let sdl = readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
  for (const spec of SUBGRAPHS) {
    const port = stack.processes.get(spec.name)?.port;
    sdl = sdl.replace(`url: "http://127.0.0.1:${spec.defaultPort}/graphql"`, `url: "http://127.0.0.1:${port}/graphql"`);
  }
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, sdl);
  return file;
}

async function seed(databaseUrl: string, scale: SeedScale) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const passwordHash = await argon2.hash('bench password 123', { type: argon2.argon2id });
    const seeded = await seedBenchData(pool, scale, passwordHash);
    const problems = await seedInconsistencies(pool);
    if (problems.length > 0) throw new Error(`The seeded data set is inconsistent:\n${problems.join('\n')}`);
    // endCursors of the newest-first listing's first 200 pages, for the varied mix's paging.
    const { rows } = await pool.query<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM (SELECT created_at, id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS n FROM tasks.tasks) t
       WHERE n % 20 = 0 AND n <= 4000 ORDER BY n`,
    );
    const cursors = rows.map((r) => encodeCursor({ key: r.created_at.toISOString(), id: r.id }));
    const version = await pool.query<{ v: string }>(`SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS v`);
    return { seeded, cursors, postgresVersion: version.rows[0]?.v ?? 'PostgreSQL ?' };
  } finally {
    await pool.end();
  }
}

/** Access tokens for every seeded user, valid for the whole run. */
async function mintTokens(scale: SeedScale): Promise<string[]> {
  const tokens: string[] = [];
  for (let user = 1; user <= scale.users; user += 1) {
    tokens.push(await signAccessToken({ userId: benchId('user', user), roles: ['POSTER', 'TASKER'] }, benchSecrets().JWT_SECRET, 3 * 3600));
  }
  return tokens;
}

async function startOthers(supergraph: string, profileEnv: Record<string, string>): Promise<{ hive: GatewayProcess; stock: GatewayProcess }> {
  const hivePort = await freePort();
  const hiveBin = path.join(REPO_ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const hive = await startGatewayProcess(
    'Hive Gateway',
    ['--import', 'tsx', hiveBin, 'supergraph', supergraph, '-c', 'bench/gateway/hive-gateway.config.ts', '--port', String(hivePort), '--host', '127.0.0.1'],
    hivePort,
    { NODE_ENV: 'production', SUPERGRAPH_PATH: supergraph, ...profileEnv },
  );
  const stockPort = await freePort();
  const stock = await startGatewayProcess('stock Apollo gateway', ['--import', 'tsx', 'bench/gateway/stock-apollo.ts'], stockPort, {
    SUPERGRAPH_PATH: supergraph,
    PORT: String(stockPort),
    NODE_ENV: 'production',
  });
  return { hive, stock };
}

/** What every process of the run gets: its own event namespace, production mode, the bench's secrets. */
const stackEnv = (namespace: string) => ({ EVENTS_NAMESPACE: namespace, NODE_ENV: 'production', ...benchSecrets() });

/** A second instance of our gateway with other settings, to measure one change in the same run. */
async function startVariant(stack: RunningStack, namespace: string, env: Record<string, string>, profileEnv: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), `${stack.processes.get(s.name)?.baseUrl}/graphql`]));
  // Profiled like ours when --profile is given: the variant is what a comparison is about.
  const allEnv = { ...stackEnv(namespace), ...DRIVEN_STACK_LIMITS['gateway'], ...urls, ...env, ...profileEnv, PORT: String(port) };
  return startGatewayProcess('our gateway (variant)', ['--import', 'tsx', 'gateway/src/index.ts'], port, allEnv);
}

export async function startBench(scale: SeedScale, variantEnv?: Record<string, string>, profileDir?: string): Promise<BenchSetup> {
  const profileEnv: Record<string, string> = profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(profileDir)}` } : {};
  const databaseUrl = await createFreshDatabase('sx_bench_gateway');
  const namespace = `benchgw${Date.now().toString(36)}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sx-bench-gateway-'));
  const stopped: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stopped.reverse()) await step().catch((err: unknown) => process.stderr.write(`cleanup: ${String(err)}\n`));
    rmSync(tmp, { recursive: true, force: true });
    await dropDatabase(databaseUrl);
    await deleteStreams(namespace);
  };
  try {
    // Our gateway starts after the seed, as a deployment starts against an existing user base:
    // it reads which accounts exist at start-up (known-users-preload.ts). Started before, it
    // would never learn of users written straight into the database (no sign-up events).
    const stack = await launchStack({
      databaseUrl,
      randomPorts: true,
      only: SUBGRAPHS.map((s) => s.name),
      output: 'quiet',
      env: { ...stackEnv(namespace), ...profileEnv },
      // Every request of the bench comes from this machine's one address: the per-address and
      // per-user budgets are lifted (the checks still run, Redis round trip included).
      serviceEnv: DRIVEN_STACK_LIMITS,
      // A loaded machine starts ten processes slowly (STACK_READY_TIMEOUT_MS, as for the tests).
      readyTimeoutMs: Number(process.env.STACK_READY_TIMEOUT_MS ?? 360_000),
    });
    stopped.push(() => stack.stop());
    const { seeded, cursors, postgresVersion } = await seed(databaseUrl, scale);
    await stack.restart('gateway');
    const { hive, stock } = await startOthers(supergraphFor(stack, tmp), profileEnv);
    stopped.push(hive.stop, stock.stop);
    const variant = variantEnv ? await startVariant(stack, namespace, variantEnv, profileEnv) : undefined;
    if (variant) stopped.push(variant.stop);
    const tokens = await mintTokens(scale);
    const ours = stack.processes.get('gateway');
    if (!ours?.child.pid) throw new Error('our gateway did not start');
    return {
      gateways: { ours: { name: 'ours', url: stack.gatewayUrl, pid: ours.child.pid, stop: async () => undefined }, 'ours-variant': variant, hive, 'stock-apollo': stock },
      subgraphBaseUrls: SUBGRAPHS.map((s) => stack.processes.get(s.name)?.baseUrl ?? ''),
      inputs: { scale, cursors, tokenOf: (user) => tokens[user - 1] ?? '' },
      seeded,
      postgresVersion,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
