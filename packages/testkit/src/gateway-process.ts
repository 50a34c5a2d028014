import { DRIVEN_STACK_LIMITS, launchStack, subgraphUrlVariable, type RunningStack } from '@sx/stack';
import { stackInfo } from './graphql-client.js';

/**
 * A gateway process of a test's own on the test stack's subgraphs and streams (the real
 * `gateway/src/index.ts`, on a free port), to kill, restart or run with a skewed clock.
 * `env` is added to the stack gateway's environment.
 */
export function launchGatewayProcess(env: Record<string, string> = {}): Promise<RunningStack> {
  const subgraphs = Object.fromEntries(
    Object.entries(stackInfo().services)
      .filter(([name]) => name !== 'gateway')
      .map(([name, base]) => [subgraphUrlVariable(name), `${base}/graphql`]),
  );
  return launchStack({
    databaseUrl: stackInfo().databaseUrl,
    randomPorts: true,
    only: ['gateway'],
    output: 'quiet',
    env: {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      EVENTS_NAMESPACE: stackInfo().eventsNamespace,
      ...(stackInfo().natsUrl ? { NATS_URL: stackInfo().natsUrl as string } : {}),
    },
    serviceEnv: { gateway: { ...DRIVEN_STACK_LIMITS['gateway'], ...subgraphs, ...env } },
    readyTimeoutMs: 120_000,
  });
}

/** The /graphql URL of a gateway process started by `launchGatewayProcess`. */
export function gatewayProcessUrl(gateway: RunningStack): string {
  return `${gateway.processes.get('gateway')!.baseUrl}/graphql`;
}
