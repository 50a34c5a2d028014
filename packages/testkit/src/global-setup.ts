import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { DRIVEN_STACK_LIMITS, GATEWAY, launchCluster, launchStack, REPO_ROOT, startMailCatcher, SUBGRAPHS, type MailCatcher, type RunningCluster, type RunningStack } from '@sx/stack';
import { createFreshDatabase, dropDatabase } from './database.js';
import { deleteStreams } from './streams-cleanup.js';
import type { StackInfo } from './stack-info.js';

let stack: RunningStack | undefined;
let mailCatcher: MailCatcher | undefined;
/** This run's own streams and subjects on the machine's NATS server (see EVENTS_NAMESPACE). */
const eventsNamespace = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let databaseUrl: string | undefined;
/** Where this run's files service keeps uploads (removed at teardown). */
const filesDir = mkdtempSync(path.join(tmpdir(), 'sx-files-'));
/** The files service's upload limit in the test stack (e2e/task-photos.test.ts reads it from createUpload's answer). */
const TEST_MAX_UPLOAD_BYTES = 256 * 1024;

/**
 * The gateway serves the GraphiQL bundle and the browser tests serve the example web app's; the
 * script rebuilds each only when missing or stale. A child process: Vite is not loaded in here.
 */
async function ensureAppBuilds(): Promise<void> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build-apps.ts', 'graphiql', 'web', 'admin'], { cwd: REPO_ROOT });
  if (stdout.includes('built in')) process.stdout.write(stdout);
}

/** Every service's test limits, and the notifications service's email to a real SMTP server the tests read. */
function serviceEnvWith(catcher: MailCatcher): Record<string, Record<string, string>> {
  return {
    ...DRIVEN_STACK_LIMITS,
    // Retries quick enough to watch; reminders checked often.
    // Payout tests run the daily job themselves, on days of their choosing; the ledger check reads often enough to watch.
    wallet: { PAYOUTS_ENABLED: 'false', LEDGER_CHECK_INTERVAL_MS: '1000' },
    notifications: { SMTP_URL: catcher.smtpUrl, EMAIL_POLL_MS: '100', EMAIL_RETRY_BASE_MS: '200', EMAIL_RETRY_MAX_MS: '1000', EMAIL_MAX_ATTEMPTS: '4', REMINDERS_INTERVAL_MS: '250' },
    // The run's own file store; limits small enough that the tests go over them cheaply.
    files: { FILES_DIR: filesDir, MAX_UPLOAD_BYTES: String(TEST_MAX_UPLOAD_BYTES), MAX_PHOTOS_PER_TASK: '3', SWEEP_INTERVAL_MS: '500' },
  };
}

/**
 * Starts the real supergraph once per `npm test` run: a fresh database, every subgraph and
 * the gateway as separate processes on free ports. Tests reach it over HTTP via `inject('stack')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mailCatcher = await startMailCatcher();
  if (process.env.STACK_CLUSTER === '1') return setupCluster(project, mailCatcher);
  databaseUrl = await createFreshDatabase();
  // The app builds (Vite, in a child process) run while the services start: neither needs the other.
  const [started, built] = await Promise.allSettled([
    launchStack({
      databaseUrl,
      randomPorts: true,
      // A loaded machine (several stacks starting at once, nine services compiling on 2 cores) may need
      // longer than npm start's minute; a stuck service still fails the run with its output.
      readyTimeoutMs: Number(process.env.STACK_READY_TIMEOUT_MS ?? 180_000),
      // Lets a subgraph's tests run while another service is still being written.
      only: [...SUBGRAPHS, GATEWAY].filter((s) => existsSync(path.join(REPO_ROOT, s.dir, 'src/index.ts'))).map((s) => s.name),
      output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
      env: { LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn', NODE_ENV: 'test', EVENTS_NAMESPACE: eventsNamespace },
      serviceEnv: serviceEnvWith(mailCatcher),
    }),
    ensureAppBuilds(),
  ]);
  if (started.status === 'rejected' || built.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    await mailCatcher.stop();
    await dropDatabase(databaseUrl);
    throw [started, built].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))[0];
  }
  stack = started.value;
  const info: StackInfo = {
    gatewayUrl: stack.gatewayUrl,
    databaseUrl,
    eventsNamespace,
    mailCatcherUrl: mailCatcher.httpUrl,
    services: Object.fromEntries([...stack.processes.values()].map((p) => [p.name, p.baseUrl])),
    secrets: stack.secrets,
    filesDir,
  };
  project.provide('stack', info);
  return async () => {
    await stack?.stop();
    await mailCatcher?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
    await deleteStreams(eventsNamespace);
    rmSync(filesDir, { recursive: true, force: true });
  };
}

/**
 * `STACK_CLUSTER=1`: the same tests against the clustered stack (npm run start:cluster's: NATS
 * cluster, Postgres primary + replica, 2 instances of everything behind HAProxy). Tests reach
 * each service through its HAProxy frontend; NATS_URL points the tests' own clients at the cluster.
 */
async function setupCluster(project: TestProject, catcher: MailCatcher): Promise<() => Promise<void>> {
  await ensureAppBuilds();
  const cluster = await launchCluster({
    // As the single stack's: a loaded machine starting 18 service processes needs more than two minutes.
    readyTimeoutMs: Number(process.env.STACK_READY_TIMEOUT_MS ?? 300_000),
    output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
    env: { LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn', NODE_ENV: 'test', EVENTS_NAMESPACE: eventsNamespace },
    serviceEnv: serviceEnvWith(catcher),
  });
  process.env.NATS_URL = cluster.natsUrl;
  project.provide('stack', {
    gatewayUrl: cluster.gatewayUrl,
    databaseUrl: cluster.databaseUrl,
    eventsNamespace,
    mailCatcherUrl: catcher.httpUrl,
    services: cluster.frontends,
    secrets: cluster.secrets,
    filesDir,
    instances: instancesByService(cluster),
    natsUrl: cluster.natsUrl,
  });
  return async () => {
    await cluster.stop();
    await catcher.stop();
    rmSync(filesDir, { recursive: true, force: true });
  };
}

/** `tasks` → the base URLs of `tasks-1`, `tasks-2`, … */
function instancesByService(cluster: RunningCluster): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const spec of [...SUBGRAPHS, GATEWAY]) {
    out[spec.name] = [...cluster.services.processes.values()].filter((p) => p.name.startsWith(`${spec.name}-`)).map((p) => p.baseUrl);
  }
  return out;
}
