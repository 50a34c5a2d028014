import http from 'node:http';
import cors from 'cors';
import express from 'express';
import type { Logger } from '@sx/runtime';
import type { GatewayConfig } from './env.js';

/** Request headers the files service needs; nothing else crosses (no cookies, no Authorization). */
const FORWARDED = ['content-type', 'content-length', 'x-request-id'];
/** Answer headers passed back to the client. */
const RETURNED = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'content-security-policy'];

function pick(headers: http.IncomingHttpHeaders, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}

/**
 * Forwards `PUT /uploads/:id` and `GET /files/:id` to the files service, streaming both ways (the
 * gateway never holds a whole file). These carry no session: the signed URL in the path and
 * query is the permission, checked by the files service that minted it (docs/attachments.md).
 */
export function fileProxy(config: GatewayConfig, log: Logger): express.Router {
  const target = new URL(config.FILES_URL);
  const router = express.Router();
  // The web app PUTs from its own origin; <img> downloads need no CORS.
  const uploadCors = cors({ origin: config.CORS_ORIGINS, methods: ['PUT', 'OPTIONS'], allowedHeaders: ['content-type', 'x-request-id'], maxAge: 600 });
  const forward: express.RequestHandler = (req, res) => {
    const upstream = http.request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.originalUrl, headers: pick(req.headers, FORWARDED), timeout: config.SUBGRAPH_TIMEOUT_MS },
      (answer) => {
        res.status(answer.statusCode ?? 502);
        res.set(pick(answer.headers, RETURNED));
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('files service timed out')));
    upstream.on('error', (err) => {
      log.warn({ err: err.message }, 'files service unreachable');
      if (res.headersSent) return void res.destroy();
      res.status(503).json({ errors: [{ message: 'File storage is unavailable; retry in a moment.', extensions: { code: 'UNAVAILABLE', reason: 'FILES_UNAVAILABLE' } }] });
    });
    req.pipe(upstream);
  };
  router.options('/uploads/:id', uploadCors);
  router.put('/uploads/:id', uploadCors, forward);
  router.get('/files/:id', forward);
  return router;
}
