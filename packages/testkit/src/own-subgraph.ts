import { DRIVEN_STACK_LIMITS, launchStack, type RunningStack } from '@sx/stack';
import { stackInfo } from './graphql-client.js';

/**
 * One subgraph process of a test's own, on a free port, with the run's secrets (the test stack's
 * gateway signs for it) but its own database and events namespace, so stopping, freezing or
 * starving it disturbs no other test. `env` is added to its environment.
 */
export function launchOwnSubgraph(name: string, opts: { databaseUrl: string; namespace: string; env?: Record<string, string> }): Promise<RunningStack> {
  return launchStack({
    databaseUrl: opts.databaseUrl,
    randomPorts: true,
    secrets: stackInfo().secrets,
    only: [name],
    output: 'quiet',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'test', EVENTS_NAMESPACE: opts.namespace, ...(stackInfo().natsUrl ? { NATS_URL: stackInfo().natsUrl as string } : {}), ...opts.env },
    serviceEnv: { [name]: { ...DRIVEN_STACK_LIMITS[name] } },
    readyTimeoutMs: 120_000,
  });
}
