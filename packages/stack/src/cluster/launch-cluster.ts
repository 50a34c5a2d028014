import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../free-port.js';
import { generateStackSecrets, secretEnvFor, secretsFromEnv, type StackSecrets } from '../secrets.js';
import { GATEWAY, SUBGRAPHS, subgraphUrlVariable } from '../services.js';
import type { OwnedChild } from './child.js';
import { startHaproxy, type Balanced } from './haproxy.js';
import { planInstances, type ServiceInstances } from './instances.js';
import { startNatsCluster, type NatsCluster } from './nats-cluster.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

export interface ClusterOptions {
  /** Instances of each subgraph and of the gateway (default 2). */
  instances?: number;
  /** Port of the load-balanced gateway (default: a free one). */
  gatewayPort?: number;
  /** The cluster's secrets; fresh random ones when not given. */
  secrets?: StackSecrets;
  /** Extra environment for every service process. */
  env?: Record<string, string>;
  /** Extra environment for one service's instances, by service name. */
  serviceEnv?: Record<string, Record<string, string>>;
  output?: 'inherit' | 'quiet';
  readyTimeoutMs?: number;
  /** Database name on the cluster's own Postgres (default service_exchange). */
  database?: string;
}

/** The clustered stack: what clients use and every part a fault test may kill. */
export interface RunningCluster {
  /** The gateways behind HAProxy: HTTP and WebSocket. */
  gatewayUrl: string;
  /** What the processes were given (tests sign tokens and scrape /metrics with them). */
  secrets: StackSecrets;
  /** The primary (writes, read-your-writes) and the replica (reads that may lag). */
  databaseUrl: string;
  readDatabaseUrl: string;
  /** Clients' NATS address (HAProxy over the three nodes). */
  natsUrl: string;
  /** Base URL (no path) of the load-balanced address of every service: gateway, users, … */
  frontends: Record<string, string>;
  nats: NatsCluster;
  postgres: PostgresCluster;
  /** Instances `gateway-1`, `gateway-2`, `users-1`, … */
  services: ServiceInstances;
  haproxy: OwnedChild;
  /** Where the stores, data directories and haproxy.cfg are (removed by stop). */
  dir: string;
  stop: () => Promise<void>;
}

function balancedPlan(services: ServiceInstances, ports: { gateway: number; nats: number; subgraphs: Map<string, number> }, natsPorts: readonly number[]): Balanced[] {
  return [
    { name: GATEWAY.name, port: ports.gateway, servers: services.ports(GATEWAY.name), mode: 'http' },
    ...SUBGRAPHS.map((s): Balanced => ({ name: s.name, port: ports.subgraphs.get(s.name) ?? 0, servers: services.ports(s.name), mode: 'http' })),
    { name: 'nats', port: ports.nats, servers: natsPorts, mode: 'tcp' },
  ];
}

/**
 * Postgres and NATS, side by side; if one fails, the other is stopped and the directory removed.
 * With `echo` the NATS nodes' logs are shown (leader elections, slow routes: what explains a stall).
 */
async function startServers(dir: string, database: string, echo: boolean): Promise<{ postgres: PostgresCluster; nats: NatsCluster }> {
  const [postgres, nats] = await Promise.allSettled([startPostgresCluster({ dir: path.join(dir, 'postgres'), database }), startNatsCluster({ dir, echo })]);
  if (postgres.status === 'fulfilled' && nats.status === 'fulfilled') return { postgres: postgres.value, nats: nats.value };
  await Promise.all([postgres.status === 'fulfilled' ? postgres.value.stop() : null, nats.status === 'fulfilled' ? nats.value.stop() : null]);
  rmSync(dir, { recursive: true, force: true });
  throw postgres.status === 'rejected' ? postgres.reason : (nats as PromiseRejectedResult).reason;
}

/**
 * Starts, on this machine: a 3-node NATS JetStream cluster (streams replicated 3 ways), a
 * Postgres primary with a streaming replica, N instances of every subgraph and of the gateway,
 * and HAProxy in front of the gateways, of each subgraph (the gateways' subgraph URLs) and of NATS.
 */
export async function launchCluster(opts: ClusterOptions = {}): Promise<RunningCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-cluster-'));
  chmodSync(dir, 0o755); // Postgres runs as its own user and must reach its data directories
  const output = opts.output ?? 'inherit';
  const database = opts.database ?? 'service_exchange';
  const { postgres, nats } = await startServers(dir, database, output === 'inherit');
  const ports = { gateway: opts.gatewayPort ?? (await freePort()), nats: await freePort(), subgraphs: new Map<string, number>() };
  for (const s of SUBGRAPHS) ports.subgraphs.set(s.name, await freePort());
  const sharedEnv: Record<string, string> = {
    DATABASE_URL: postgres.primaryUrl(database),
    DATABASE_READ_URL: postgres.replicaUrl(database),
    NATS_URL: `nats://127.0.0.1:${ports.nats}`,
    EVENTS_STREAM_REPLICAS: '3',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), `http://127.0.0.1:${ports.subgraphs.get(s.name)}/graphql`])),
    ...opts.env,
  };
  // As launchStack: each process gets only the secrets it uses (a subgraph its own identity key).
  const secrets = opts.secrets ?? secretsFromEnv(opts.env) ?? generateStackSecrets();
  for (const name of ['IDENTITY_SECRET', 'JWT_SECRET', 'METRICS_TOKEN']) delete sharedEnv[name];
  const services = await planInstances({
    specs: [...SUBGRAPHS, GATEWAY],
    count: opts.instances ?? 2,
    envOf: (name) => ({ ...sharedEnv, ...secretEnvFor(name, secrets), ...opts.serviceEnv?.[name] }),
    output,
    readyTimeoutMs: opts.readyTimeoutMs ?? 300_000,
  });
  let haproxy: OwnedChild | null = null;
  const stop = async () => {
    await services.stop([GATEWAY]);
    await services.stop(SUBGRAPHS);
    await haproxy?.stop();
    await Promise.all([nats.stop(), postgres.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    haproxy = await startHaproxy({ dir, balanced: balancedPlan(services, ports, nats.clientPorts), echo: output === 'inherit' });
    await services.start(SUBGRAPHS);
    // A gateway is ready once every subgraph is, through HAProxy: they start after the subgraphs.
    await services.start([GATEWAY]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    secrets,
    databaseUrl: postgres.primaryUrl(database),
    readDatabaseUrl: postgres.replicaUrl(database),
    natsUrl: sharedEnv.NATS_URL ?? '',
    frontends: Object.fromEntries([[GATEWAY.name, ports.gateway], ...ports.subgraphs].map(([name, port]) => [name, `http://127.0.0.1:${port}`])),
    nats,
    postgres,
    services,
    haproxy,
    dir,
    stop,
  };
}
