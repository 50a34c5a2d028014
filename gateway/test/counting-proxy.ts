import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER } from '@sx/runtime';
import { subgraphUrlVariable } from '@sx/stack';
import { stackInfo } from '@sx/testkit';
import { SUBGRAPH_NAMES } from '../src/env.js';

/** One request that went through the proxy to a real subgraph. */
export interface ProxiedRequest {
  subgraph: string;
  /** The operation name of the document sent (`KnownUser`, or the one the query planner named). */
  operation: string;
  body: string;
  /** The user id the gateway signed into the request (null: anonymous). */
  signedUserId: string | null;
}

export interface CountingProxy {
  /** `${NAME}_URL` for every subgraph of the test stack, pointing through this proxy. */
  env: Record<string, string>;
  requests: ProxiedRequest[];
  close: () => Promise<void>;
}

const OPERATION_NAME = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function operationOf(body: string): string {
  try {
    const { query } = JSON.parse(body) as { query?: unknown };
    return typeof query === 'string' ? (OPERATION_NAME.exec(query)?.[1] ?? '(anonymous)') : '(no query)';
  } catch {
    return '(not JSON)';
  }
}

/** The `sub` of the signed identity header (base64url JSON; the signature is the subgraph's to check). */
function signedUserOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    return (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { sub?: string | null }).sub ?? null;
  } catch {
    return null; // not the gateway's header: the subgraph refuses it, the proxy only records
  }
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * A transparent HTTP proxy in front of the test stack's real subgraphs that records every
 * request a gateway sends them: `/users/graphql` goes to users' /graphql, and so on. The body
 * and the signed identity headers pass unchanged (the signature covers the subgraph name, method
 * and body, not the address), so the subgraphs answer as they would the gateway itself.
 */
export async function startCountingProxy(): Promise<CountingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const subgraph = (req.url ?? '').split('/')[1] ?? '';
      const base = stackInfo().services[subgraph];
      const body = Buffer.concat(chunks).toString('utf8');
      if (!base) {
        res.writeHead(404).end();
        return;
      }
      requests.push({ subgraph, operation: operationOf(body), body, signedUserId: signedUserOf(req.headers[IDENTITY_HEADER]) });
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name, value]) => !HOP_BY_HOP.has(name) && typeof value === 'string')) as Record<string, string>;
      fetch(`${base}/graphql`, { method: req.method ?? 'POST', headers, body })
        .then(async (answer) => {
          const text = await answer.text();
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
        })
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const env: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    if (stackInfo().services[name]) env[subgraphUrlVariable(name)] = `http://127.0.0.1:${port}/${name}/graphql`;
  }
  return {
    env,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
