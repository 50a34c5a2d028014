import { parseConfig, type Logger } from '@sx/runtime';
import { randomUUID } from 'node:crypto';
import { DRIVEN_STACK_LIMITS, subgraphUrlVariable } from '@sx/stack';
import { stackInfo } from '@sx/testkit';
import { envSchema, SUBGRAPH_NAMES } from '../src/env.js';
import { startGateway, type RunningGateway } from '../src/server.js';

/** The test stack's subgraph URLs, as the launcher hands them to its gateway. */
export function stackSubgraphEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const base = stackInfo().services[name];
    if (base) env[subgraphUrlVariable(name)] = `${base}/graphql`;
  }
  return env;
}

/**
 * A second gateway in this test process (own port, own metrics, own rate-limit counters),
 * routed to the test stack's subgraphs except where `env` says otherwise. Its per-client limits
 * are lifted like the stack's (DRIVEN_STACK_LIMITS) unless `limits: 'defaults'` asks for the
 * production defaults (the security tests). It has the run's secrets; an empty value in `env`
 * unsets a variable. It answers once its start-up read of the existing accounts is done (off
 * when `env` routes users elsewhere, unless KNOWN_USERS_PRELOAD_MAX is given). Stop it after the test.
 */
export function startTestGateway(env: Record<string, string> = {}, opts: { limits?: 'driven' | 'defaults'; log?: Logger } = {}): Promise<RunningGateway> {
  const merged: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    EVENTS_NAMESPACE: stackInfo().eventsNamespace,
    // The stack's own NATS when it is not the machine's (the cluster, STACK_CLUSTER=1).
    ...(stackInfo().natsUrl ? { NATS_URL: stackInfo().natsUrl } : {}),
    RATE_LIMIT_KEY_PREFIX: `sx:test-gateway:${randomUUID()}:`,
    IDENTITY_SECRET: stackInfo().secrets.identitySecret,
    JWT_SECRET: stackInfo().secrets.jwtSecret,
    METRICS_TOKEN: stackInfo().secrets.metricsToken,
    ...(opts.limits === 'defaults' ? {} : DRIVEN_STACK_LIMITS['gateway']),
    ...stackSubgraphEnv(),
    // A users stand-in (a fake subgraph) cannot answer the start-up read of accounts, and the
    // read's requests would land among the ones a test records: off unless the test asks for it.
    ...('USERS_URL' in env ? { KNOWN_USERS_PRELOAD_MAX: '0' } : {}),
    ...env,
  };
  // An empty value in `env` unsets the variable (e.g. METRICS_TOKEN: '' for a gateway without one).
  const config = parseConfig(envSchema, Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== '')));
  return startGateway(config, opts.log ? { log: opts.log } : {}).then(async (gateway) => {
    // Started once the start-up read of accounts is done, so a test's requests and counts begin after it.
    await gateway.knownUsersPreloaded;
    return gateway;
  });
}

/** /readyz, /metrics … of a gateway, from its /graphql URL. */
export function gatewayPath(graphqlUrl: string, path: string): string {
  return new URL(path, graphqlUrl).toString();
}
