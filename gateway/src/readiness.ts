import type { RequestHandler } from 'express';
import { checkHealth, hasProbeToken, type DependencyProbe, type Logger } from '@sx/runtime';

/** A subgraph serves /readyz beside its GraphQL path: http://host:port/graphql → http://host:port/readyz. */
export function readyzUrlOf(subgraphUrl: string): string {
  return new URL('/readyz', subgraphUrl).toString();
}

/** A subgraph is there when its own /readyz answers 2xx (a degraded subgraph still serves). */
async function subgraphAnswers(url: string, timeoutMs: number): Promise<void> {
  const res = await fetch(readyzUrlOf(url), { signal: AbortSignal.timeout(timeoutMs) });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`its /readyz answered ${res.status}`);
}

export interface GatewayDependencies {
  subgraphs: () => ReadonlyMap<string, string>;
  /** Redis: request budgets and WebSocket counters live there. */
  redis: () => Promise<unknown>;
  /** NATS, through the live event feed that subscriptions wait for. */
  nats: () => Promise<unknown>;
}

/** What the gateway needs to serve: every subgraph of the supergraph, Redis and NATS — each required. */
export function gatewayProbes(deps: GatewayDependencies, timeoutMs: number): () => DependencyProbe[] {
  return () => [
    ...[...deps.subgraphs()].map(([name, url]) => ({ name, required: true, probe: () => subgraphAnswers(url, timeoutMs) })),
    { name: 'redis', required: true, probe: deps.redis },
    { name: 'nats', required: true, probe: deps.nats },
  ];
}

/**
 * 200 when the gateway can serve; 503 otherwise. Each dependency is asked at once, so /readyz
 * takes at most one timeout; it recovers by itself as they come back. Only the METRICS_TOKEN
 * holder learns which dependencies there are and which are failing.
 */
export function readyzHandler(opts: {
  probes: () => DependencyProbe[];
  subgraphs: () => ReadonlyMap<string, string>;
  timeoutMs: number;
  detailsToken: string | undefined;
  log: Logger;
}): RequestHandler {
  return async (req, res) => {
    const report = await checkHealth(opts.probes(), opts.timeoutMs);
    const details = hasProbeToken(req, opts.detailsToken);
    if (report.status === 'ready') {
      res.json({ status: 'ready', service: 'gateway', ...(details ? { subgraphs: [...opts.subgraphs().keys()], dependencies: report.dependencies } : {}) });
      return;
    }
    opts.log.warn({ failing: report.failing }, 'not ready');
    res.status(503).json({ status: 'unavailable', service: 'gateway', ...(details ? { failing: report.failing, dependencies: report.dependencies } : {}) });
  };
}
