import { DRIVEN_STACK_LIMITS, launchCluster, launchStack } from '@sx/stack';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { benchClient, type BenchClient, type BenchUser } from '../bench-client.js';
import { postTask } from '../write-path/saga-load.js';
import { walletKnows } from '../write-path/wallet-knows.js';

/** BENCH_LOGS=1: the processes' logs (level error) on this process's output. */
const OUTPUT = process.env.BENCH_LOGS === '1' ? 'inherit' : 'quiet';

/** One stack under test: where clients send requests and which processes serve them. */
export interface Target {
  name: 'single' | 'cluster';
  api: BenchClient;
  databaseUrl: string;
  metricsToken: string;
  /** Base URLs of the instances of each process kind: `gateway` → [one] or [two]. */
  instances: (service: string) => string[];
  /** Pairs of users with money: each sends to its partner. */
  pairs: { payer: BenchUser; payee: BenchUser }[];
  stop: () => Promise<void>;
}

/**
 * Seeding is not what is measured: on a machine at load 100 a request now and then fails
 * (INTERNAL from a timeout); it is tried again, up to 5 times. A retried deposit may count twice,
 * which only gives a payer more money than the run needs.
 */
async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= 5) throw err;
      await new Promise((r) => setTimeout(r, 1_000 * i));
    }
  }
}

/** The same data on either stack: `clients` pairs with 1,000,000 cents each, and `tasks` open tasks. */
async function seed(api: BenchClient, databaseUrl: string, clients: number, tasks: number): Promise<Target['pairs']> {
  const users = await retrying(() => api.signUpMany(clients * 2));
  await walletKnows(databaseUrl, users.map((u) => u.id), 120_000);
  await Promise.all(users.map((u) => retrying(() => api.deposit(u, 1_000_000))));
  for (let i = 0; i < tasks; i++) await retrying(() => postTask(api, users[i % users.length] as BenchUser, `Cluster bench task ${i}`));
  return Array.from({ length: clients }, (_, i) => ({ payer: users[i] as BenchUser, payee: users[clients + i] as BenchUser }));
}

/** The single stack of `npm start`: one process per service, the machine's Postgres and NATS. */
export async function startSingle(clients: number, tasks: number): Promise<Target> {
  const databaseUrl = await createFreshDatabase('sx_bench_cluster');
  const stack = await launchStack({
    databaseUrl,
    randomPorts: true,
    output: OUTPUT,
    readyTimeoutMs: 300_000,
    env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: `benchc${Date.now().toString(36)}` },
    serviceEnv: DRIVEN_STACK_LIMITS,
  });
  const stop = async () => {
    await stack.stop();
    await dropDatabase(databaseUrl);
  };
  try {
    const api = benchClient(stack.gatewayUrl);
    return {
      name: 'single',
      api,
      databaseUrl,
      metricsToken: stack.secrets.metricsToken,
      instances: (service) => [stack.processes.get(service)?.baseUrl ?? ''],
      pairs: await seed(api, databaseUrl, clients, tasks),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `npm run start:cluster`'s stack: HAProxy over 2 gateways and 2 instances of each subgraph, NATS ×3, primary + replica. */
export async function startCluster(clients: number, tasks: number): Promise<Target> {
  const cluster = await launchCluster({ output: OUTPUT, readyTimeoutMs: 300_000, env: { LOG_LEVEL: 'error' }, serviceEnv: DRIVEN_STACK_LIMITS });
  try {
    const api = benchClient(cluster.gatewayUrl);
    const processes = [...cluster.services.processes.values()];
    return {
      name: 'cluster',
      api,
      databaseUrl: cluster.databaseUrl,
      metricsToken: cluster.secrets.metricsToken,
      instances: (service) => processes.filter((p) => p.name.startsWith(`${service}-`)).map((p) => p.baseUrl),
      pairs: await seed(api, cluster.databaseUrl, clients, tasks),
      stop: cluster.stop,
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
