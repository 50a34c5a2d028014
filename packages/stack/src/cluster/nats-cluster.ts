import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../free-port.js';
import { waitFor } from '../wait.js';
import { spawnOwned, type OwnedChild } from './child.js';

const BINARY = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((p) => existsSync(p)) ?? 'nats-server';

interface NatsNode {
  name: string;
  clientPort: number;
  routePort: number;
  monitorPort: number;
  storeDir: string;
  proc: OwnedChild | null;
}

/** A JetStream cluster of nats-servers on loopback, each with its own store; nodes can crash and return. */
export interface NatsCluster {
  /** Client ports, in node order. */
  readonly clientPorts: readonly number[];
  /** Stops node `index` (SIGKILL: a crash). Its store stays, as a crashed server's disk would. */
  kill: (index: number, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts node `index` again on the same ports and store, and waits until it is healthy. */
  restart: (index: number) => Promise<void>;
  /** Whether every running node reports JetStream healthy (a meta leader, streams current). */
  healthy: () => Promise<boolean>;
  stop: () => Promise<void>;
}

function argsOf(node: NatsNode, all: readonly NatsNode[]): string[] {
  const routes = all.filter((n) => n !== node).map((n) => `nats://127.0.0.1:${n.routePort}`);
  return [
    '-a', '127.0.0.1', '-p', String(node.clientPort), '-n', node.name, '-m', String(node.monitorPort),
    '-js', '-sd', node.storeDir,
    '--cluster_name', 'sx', '--cluster', `nats://127.0.0.1:${node.routePort}`, '--routes', routes.join(','),
  ];
}

async function nodeHealthy(node: NatsNode): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${node.monitorPort}/healthz`, { signal: AbortSignal.timeout(2_000) });
  return res.ok;
}

/** Starts `size` nats-servers routed to each other, under `dir`, and waits for JetStream to elect its leader. */
export async function startNatsCluster(opts: { dir: string; size?: number; echo?: boolean }): Promise<NatsCluster> {
  const size = opts.size ?? 3;
  const nodes: NatsNode[] = [];
  for (let i = 1; i <= size; i++) {
    const storeDir = path.join(opts.dir, `nats-${i}`);
    mkdirSync(storeDir, { recursive: true });
    nodes.push({ name: `sx-nats-${i}`, clientPort: await freePort(), routePort: await freePort(), monitorPort: await freePort(), storeDir, proc: null });
  }
  const start = (node: NatsNode) => {
    node.proc = spawnOwned(node.name, BINARY, argsOf(node, nodes), { echo: opts.echo ?? false });
  };
  const healthy = async () => {
    const running = nodes.filter((n) => n.proc);
    const states = await Promise.all(running.map((n) => nodeHealthy(n).catch(() => false)));
    return states.every(Boolean);
  };
  const waitHealthy = (what: string) => waitFor(healthy, what, 60_000, 200);
  nodes.forEach(start);
  await waitHealthy('the NATS cluster to elect a JetStream leader');
  const nodeAt = (index: number) => {
    const node = nodes[index];
    if (!node) throw new Error(`no NATS node ${index}`);
    return node;
  };
  return {
    clientPorts: nodes.map((n) => n.clientPort),
    kill: async (index, signal = 'SIGKILL') => {
      const node = nodeAt(index);
      await node.proc?.stop(signal);
      node.proc = null;
    },
    restart: async (index) => {
      start(nodeAt(index));
      await waitHealthy(`NATS node ${index + 1} to rejoin`);
    },
    healthy,
    stop: async () => {
      await Promise.all(nodes.map((n) => n.proc?.stop()));
      nodes.forEach((n) => (n.proc = null));
    },
  };
}
