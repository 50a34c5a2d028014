import type { RequestHandler } from 'express';

/**
 * Helmet's defaults, for an API: every answer is JSON (or Prometheus text), never a page, so
 * its Content-Security-Policy allows nothing at all. A route that serves a page (GraphiQL) sets
 * its own, stricter-than-default policy over this one.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
};

/** First in every app (gateway and subgraphs), so even a 404 or a refused request carries them. */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(API_SECURITY_HEADERS);
    res.removeHeader('X-Powered-By');
    next();
  };
}
