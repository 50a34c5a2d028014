import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/**
 * Whether the request carries `Authorization: Bearer <METRICS_TOKEN>`. Metrics and readiness
 * details describe the inside of the system (operation names, backlogs, which subgraph is
 * down), so they are for the operator's scraper, not for anyone who can reach the port.
 */
export function hasProbeToken(req: Request, token: string | undefined): boolean {
  if (!token) return false;
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  // Compared as hashes: equal lengths for timingSafeEqual, and no early exit on the first byte.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** /metrics: 404 without METRICS_TOKEN configured (nothing to scrape), 401 without the token. */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (!token) {
      res.status(404).json({ error: 'metrics are off: set METRICS_TOKEN to scrape them' });
      return;
    }
    if (!hasProbeToken(req, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
