import { DRIVEN_STACK_LIMITS, launchCluster } from '@sx/stack';
import { ensureGraphiqlBuild } from './build-apps.js';

// `npm run start:cluster`: the scaled-out stack on one machine (docs/scaling.md, "The cluster on
// one machine"). Everything it starts is its own and goes away on Ctrl-C; only Redis is shared.
const gatewayPort = Number(process.env.CLUSTER_GATEWAY_PORT ?? 4000);
const driven = process.env.CLUSTER_DRIVEN === '1'; // lifted per-address limits, for benches from this machine
await ensureGraphiqlBuild();
const cluster = await launchCluster({
  gatewayPort,
  output: process.env.CLUSTER_LOGS === '1' ? 'inherit' : 'quiet',
  env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  ...(driven ? { serviceEnv: DRIVEN_STACK_LIMITS } : {}),
});
const instances = [...cluster.services.processes.values()].map((p) => `  ${p.name.padEnd(10)} ${p.baseUrl}`).join('\n');
process.stdout.write(`
Service Exchange cluster is up: ${cluster.gatewayUrl} (HAProxy over 2 gateways)
  Postgres primary ${cluster.databaseUrl}
  Postgres replica ${cluster.readDatabaseUrl}
  NATS (HAProxy over 3 JetStream nodes: ${cluster.nats.clientPorts.join(', ')}) ${cluster.natsUrl}
${instances}
Press Ctrl-C to stop.

`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping the cluster…\n');
  cluster.stop().then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
