import { freePort } from '../free-port.js';
import { spawnService, stopProcess, waitReady, type RunningProcess } from '../launch.js';
import type { ServiceSpec } from '../services.js';

/** `tasks-1`, `tasks-2`, … : the name of one instance of a service. */
export const instanceName = (service: string, n: number) => `${service}-${n}`;

/** Several instances of each service, each on its own port, each killable and restartable alone. */
export interface ServiceInstances {
  /** Ports of a service's instances, in order (what the load balancer is given). */
  ports: (service: string) => number[];
  /** Every running instance, by instance name. */
  processes: Map<string, RunningProcess>;
  /** Starts the instances of `specs` (all at once) and waits until each is ready. */
  start: (specs: readonly ServiceSpec[]) => Promise<void>;
  /** Stops one instance (SIGKILL: a crash). */
  kill: (instance: string, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts one instance again on its port and waits until it is ready. */
  restart: (instance: string) => Promise<void>;
  stop: (specs: readonly ServiceSpec[]) => Promise<void>;
}

export async function planInstances(opts: {
  specs: readonly ServiceSpec[];
  count: number;
  envOf: (service: string) => Record<string, string>;
  output: 'inherit' | 'quiet';
  readyTimeoutMs: number;
}): Promise<ServiceInstances> {
  const slots = new Map<string, { spec: ServiceSpec; port: number }>();
  for (const spec of opts.specs) {
    for (let n = 1; n <= opts.count; n++) slots.set(instanceName(spec.name, n), { spec, port: await freePort() });
  }
  const processes = new Map<string, RunningProcess>();
  const slotOf = (instance: string) => {
    const slot = slots.get(instance);
    if (!slot) throw new Error(`unknown instance ${instance}`);
    return slot;
  };
  const startOne = async (instance: string) => {
    const { spec, port } = slotOf(instance);
    const proc = { ...spawnService(spec, port, opts.envOf(spec.name), opts.output, instance), name: instance };
    processes.set(instance, proc);
    await waitReady(proc, opts.readyTimeoutMs);
  };
  const instancesOf = (specs: readonly ServiceSpec[]) => [...slots.entries()].filter(([, s]) => specs.includes(s.spec)).map(([name]) => name);
  return {
    ports: (service) => [...slots.values()].filter((s) => s.spec.name === service).map((s) => s.port),
    processes,
    start: async (specs) => {
      await Promise.all(instancesOf(specs).map(startOne));
    },
    kill: async (instance, signal = 'SIGKILL') => {
      const proc = processes.get(instance);
      if (proc) await stopProcess(proc, signal);
    },
    restart: startOne,
    stop: async (specs) => {
      await Promise.all(instancesOf(specs).map((name) => processes.get(name)).filter((p) => p !== undefined).map((p) => stopProcess(p)));
    },
  };
}
