import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from '@sx/runtime';
import { graphiqlEnabled, type GatewayConfig } from './env.js';

/** Built by `npm run build:graphiql` (npm start and npm test build it when missing or stale). */
export const GRAPHIQL_DIST = fileURLToPath(new URL('../graphiql/dist', import.meta.url));
/** Where the bundle's files are served; matches `base` in gateway/graphiql/vite.config.ts. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

/**
 * Only this origin: scripts and workers are the bundle's files, and connect-src 'self' covers
 * ws:/wss: to the same host (CSP Level 3), so the socket for subscriptions needs no extra entry.
 * Monaco injects <style> elements at run time, hence 'unsafe-inline' for styles only; its icon
 * and editor fonts are inlined as data: URIs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // The page names the hashed asset files of the current build, so it must never be cached.
  'Cache-Control': 'no-store',
};

/** A browser navigating to /graphql; API clients (JSON, or no Accept at all) go on to Apollo. */
function wantsPage(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function servePage(req: Request, res: Response, next: (err?: unknown) => void): void {
  if (!wantsPage(req)) return next();
  const page = path.join(GRAPHIQL_DIST, 'index.html');
  if (!existsSync(page)) {
    res.status(503).type('text/plain').send('GraphiQL is enabled but not built: run `npm run build:graphiql`.\n');
    return;
  }
  res.set(PAGE_HEADERS).sendFile(page);
}

const serveAssets: RequestHandler = express.static(path.join(GRAPHIQL_DIST, 'assets'), {
  index: false,
  // File names carry a content hash, so a name never changes content.
  immutable: true,
  maxAge: '1y',
  setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
});

/**
 * GraphiQL for browsers: GET /graphql with Accept: text/html gets the page, its files are under
 * /graphiql/assets/. Every other request falls through to Apollo. When GRAPHIQL is off nothing is
 * mounted, so a browser gets Apollo's own answer and the asset paths are 404s.
 */
export function graphiqlRoutes(config: GatewayConfig, log: Logger): Router {
  const router = express.Router();
  // A router answers OPTIONS for its own routes by itself (200, Allow: GET); CORS preflights
  // for /graphql belong to the CORS guard further on, so they leave this router untouched.
  router.use((req, _res, next) => next(req.method === 'OPTIONS' ? 'router' : undefined));
  if (!graphiqlEnabled(config)) return router;
  if (!existsSync(path.join(GRAPHIQL_DIST, 'index.html'))) {
    log.warn({ dist: GRAPHIQL_DIST }, 'GraphiQL is enabled but not built: run `npm run build:graphiql`');
  }
  router.use(GRAPHIQL_ASSETS_PATH, serveAssets);
  router.get('/graphql', servePage);
  return router;
}
