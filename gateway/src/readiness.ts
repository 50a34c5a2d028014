import type { RequestHandler } from 'express';
import { hasProbeToken, type Logger } from '@sx/runtime';

export interface SubgraphReadiness {
  ready: boolean;
  /** Names of the subgraphs that did not answer their /readyz with 2xx in time. */
  failing: string[];
}

/** A subgraph serves /readyz beside its GraphQL path: http://host:port/graphql → http://host:port/readyz. */
export function readyzUrlOf(subgraphUrl: string): string {
  return new URL('/readyz', subgraphUrl).toString();
}

async function answersReady(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await fetch(readyzUrlOf(url), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** Asks every subgraph at once, so /readyz takes at most one timeout, not one per subgraph. */
export async function checkSubgraphs(urls: ReadonlyMap<string, string>, timeoutMs: number): Promise<SubgraphReadiness> {
  const results = await Promise.all([...urls].map(async ([name, url]) => ({ name, ok: await answersReady(url, timeoutMs) })));
  const failing = results.filter((r) => !r.ok).map((r) => r.name);
  return { ready: failing.length === 0 && urls.size > 0, failing };
}

/** 200 when the gateway can serve: every subgraph of the supergraph is ready; 503 naming the others. */
export function readyzHandler(opts: {
  subgraphs: () => ReadonlyMap<string, string>;
  /** Whether the live event feed follows every domain stream (subscriptions wait for it). */
  live: () => boolean;
  timeoutMs: number;
  /** METRICS_TOKEN: only its holder learns which subgraphs there are and which are failing. */
  detailsToken: string | undefined;
  log: Logger;
}): RequestHandler {
  return async (req, res) => {
    const urls = opts.subgraphs();
    const readiness = await checkSubgraphs(urls, opts.timeoutMs);
    if (!opts.live()) readiness.failing.push('live-events');
    const details = hasProbeToken(req, opts.detailsToken);
    if (readiness.ready && opts.live()) {
      res.json({ status: 'ready', service: 'gateway', ...(details ? { subgraphs: [...urls.keys()] } : {}) });
      return;
    }
    opts.log.warn({ failing: readiness.failing }, 'not ready');
    res.status(503).json({ status: 'unavailable', service: 'gateway', ...(details ? { failing: readiness.failing } : {}) });
  };
}
