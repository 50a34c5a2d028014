import { isReady, type RunningCluster } from '@sx/stack';
import type { BankStack } from '../faults/bank-run.js';

/**
 * The clustered stack as the nemesis sees it: every service instance may be killed or paused
 * (its twin behind HAProxy serves meanwhile); "NATS" is one node of the three, in turn; "Postgres"
 * is the primary, then the replica, in turn (a primary crash fails writes until it is back).
 */
export function clusterNemesisStack(cluster: RunningCluster): BankStack {
  const processOf = (name: string) => {
    const proc = cluster.services.processes.get(name);
    if (!proc) throw new Error(`no instance ${name}`);
    return proc;
  };
  const instances = () => [...cluster.services.processes.keys()];
  let natsNode = 0;
  let postgresTurn: 'primary' | 'replica' = 'primary';
  return {
    gatewayUrls: [cluster.gatewayUrl],
    jwtSecret: cluster.secrets.jwtSecret,
    instances,
    kill: (name, signal) => cluster.services.kill(name, signal),
    restart: (name) => cluster.services.restart(name),
    pause: (name) => processOf(name).child.kill('SIGSTOP'),
    resume: (name) => processOf(name).child.kill('SIGCONT'),
    nats: {
      label: () => `nats-${natsNode + 1}`,
      pause: (signal) => cluster.nats.kill(natsNode, signal),
      resume: async () => {
        await cluster.nats.restart(natsNode);
        natsNode = (natsNode + 1) % cluster.nats.clientPorts.length;
      },
    },
    postgres: {
      label: () => `postgres ${postgresTurn}`,
      pause: () => (postgresTurn === 'primary' ? cluster.postgres.killPrimary() : cluster.postgres.killReplica()),
      resume: async () => {
        await (postgresTurn === 'primary' ? cluster.postgres.restartPrimary() : cluster.postgres.restartReplica());
        postgresTurn = postgresTurn === 'primary' ? 'replica' : 'primary';
      },
    },
    allReady: async () => {
      const ready = await Promise.all(instances().map((n) => isReady(processOf(n).baseUrl).catch(() => false)));
      return ready.every(Boolean) && (await cluster.nats.healthy().catch(() => false));
    },
    describeUnready: async () => {
      const parts: string[] = [];
      for (const name of instances()) {
        const proc = processOf(name);
        if (!(await isReady(proc.baseUrl).catch(() => false))) parts.push(`--- ${name}\n${proc.tail().split('\n').slice(-15).join('\n')}`);
      }
      if (!(await cluster.nats.healthy().catch(() => false))) parts.push('--- a NATS node is not healthy');
      return parts.join('\n');
    },
  };
}
