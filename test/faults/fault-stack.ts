import { DRIVEN_STACK_LIMITS, generateStackSecrets, isReady, launchStack, SUBGRAPHS, subgraphUrlVariable, type RunningProcess, type RunningStack, type StackSecrets } from '@sx/stack';
import { OwnNatsServer, OwnPostgres } from '@sx/testkit';

/** A process of the fault stack by instance name: `wallet`, `wallet-2`, `gateway-2`, … */
export type InstanceName = string;

export interface FaultStackOptions {
  /** Services that run a second instance (the second gateway routes to these second instances). */
  doubled: readonly ('wallet' | 'bids' | 'gateway')[];
  /** Extra environment per service name (both instances). */
  serviceEnv?: Record<string, Record<string, string>>;
}

/**
 * The whole supergraph on a Postgres cluster and a nats-server of the test's own, so processes,
 * the database and the broker can be killed, paused and restarted without touching the machine's
 * shared servers or the other tests' stack. A second group of instances (wallet-2, bids-2,
 * gateway-2) shares the database and the durable consumers with the first.
 */
export class FaultStack {
  private constructor(
    readonly postgres: OwnPostgres,
    readonly nats: OwnNatsServer,
    private readonly first: RunningStack,
    private readonly second: RunningStack | null,
  ) {}

  static async start(opts: FaultStackOptions): Promise<FaultStack> {
    const [postgres, nats] = await Promise.all([OwnPostgres.start(), OwnNatsServer.start()]);
    const common = {
      databaseUrl: postgres.adminUrl,
      randomPorts: true,
      output: process.env.STACK_LOGS === '1' ? ('inherit' as const) : ('quiet' as const),
      env: { LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn', NODE_ENV: 'test', NATS_URL: nats.url, DB_POOL_MAX: '5' },
      readyTimeoutMs: 120_000,
      // One set of secrets for both groups: a second gateway or wallet must sign and check with
      // the same keys as the first (and the tests scrape /metrics with its token).
      secrets: generateStackSecrets(),
    };
    const serviceEnv = mergeEnv(DRIVEN_STACK_LIMITS, opts.serviceEnv ?? {});
    let first: RunningStack | null = null;
    try {
      first = await launchStack({ ...common, serviceEnv });
      const second = opts.doubled.length > 0 ? await launchSecond(first, opts, common, serviceEnv) : null;
      return new FaultStack(postgres, nats, first, second);
    } catch (err) {
      await first?.stop();
      await Promise.all([postgres.stop(), nats.stop()]);
      throw err;
    }
  }

  /** The run's secrets, shared by both groups (the /metrics token, the token and identity keys). */
  get secrets(): StackSecrets {
    return this.first.secrets;
  }

  /** The key access tokens are signed with (the bank test signs an admin's). */
  get jwtSecret(): string {
    return this.first.secrets.jwtSecret;
  }

  /** Gateway URLs: the first instance's, then the second's when there is one. */
  get gatewayUrls(): string[] {
    return [this.first.gatewayUrl, ...(this.second?.processes.has('gateway') ? [this.second.gatewayUrl] : [])];
  }

  /** Every instance by name (`<service>` in the first group, `<service>-2` in the second). */
  instances(): InstanceName[] {
    return [...this.first.processes.keys(), ...[...(this.second?.processes.keys() ?? [])].map((n) => `${n}-2`)];
  }

  process(name: InstanceName): RunningProcess {
    const [stack, service] = this.locate(name);
    const proc = stack.processes.get(service);
    if (!proc) throw new Error(`no instance ${name}`);
    return proc;
  }

  /** SIGKILL (a crash) or SIGTERM (a deploy); waits until the process has exited. */
  async kill(name: InstanceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const [stack, service] = this.locate(name);
    await stack.kill(service, signal);
  }

  /** Starts the instance again on its port and waits until it is ready. */
  async restart(name: InstanceName): Promise<void> {
    const [stack, service] = this.locate(name);
    await stack.restart(service);
  }

  /** SIGSTOP: the process keeps its sockets but answers nothing (a long GC pause, a stalled VM). */
  pause(name: InstanceName): void {
    this.process(name).child.kill('SIGSTOP');
  }

  resume(name: InstanceName): void {
    this.process(name).child.kill('SIGCONT');
  }

  /** Whether every instance answers its readiness check. */
  async allReady(): Promise<boolean> {
    const answers = await Promise.all(this.instances().map((n) => isReady(this.process(n).baseUrl).catch(() => false)));
    return answers.every(Boolean);
  }

  /** The instances that are not ready, with what their readiness check says and their last output. */
  async describeUnready(): Promise<string> {
    const parts: string[] = [];
    for (const name of this.instances()) {
      const proc = this.process(name);
      const answer = await fetch(`${proc.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
        .then(async (res) => (res.ok ? null : `${res.status} ${await res.text()}`))
        .catch((err: unknown) => String(err));
      if (answer !== null) parts.push(`--- ${name}: ${answer}\n${proc.tail().split('\n').slice(-15).join('\n')}`);
    }
    return parts.join('\n');
  }

  async stop(): Promise<void> {
    for (const name of this.instances()) this.process(name).child.kill('SIGCONT');
    await this.second?.stop();
    await this.first.stop();
    await Promise.all([this.postgres.stop(), this.nats.stop()]);
  }

  private locate(name: InstanceName): [RunningStack, string] {
    if (name.endsWith('-2')) {
      if (!this.second) throw new Error(`no second group for ${name}`);
      return [this.second, name.slice(0, -2)];
    }
    return [this.first, name];
  }
}

function mergeEnv(...parts: Readonly<Record<string, Readonly<Record<string, string>>>>[]): Record<string, Record<string, string>> {
  const merged: Record<string, Record<string, string>> = {};
  for (const part of parts) for (const [name, env] of Object.entries(part)) merged[name] = { ...merged[name], ...env };
  return merged;
}

/**
 * The second instances on the same database and NATS (so the same durable consumers). Its gateway
 * reaches the services that run once through the first group's URLs.
 */
async function launchSecond(
  first: RunningStack,
  opts: FaultStackOptions,
  common: Omit<Parameters<typeof launchStack>[0], 'serviceEnv'>,
  serviceEnv: Record<string, Record<string, string>>,
): Promise<RunningStack> {
  const urlOf = (name: string) => `${first.processes.get(name)?.baseUrl ?? ''}/graphql`;
  const borrowed: Record<string, string> = {};
  // Every subgraph of the stack (a new one would otherwise leave the second gateway unready).
  for (const { name } of SUBGRAPHS) {
    if (!opts.doubled.includes(name as 'wallet')) borrowed[subgraphUrlVariable(name)] = urlOf(name);
  }
  return launchStack({
    ...common,
    only: [...opts.doubled],
    serviceEnv: { ...serviceEnv, gateway: { ...serviceEnv.gateway, ...borrowed } },
  });
}
