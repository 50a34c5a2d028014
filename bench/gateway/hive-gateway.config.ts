/**
 * Hive Gateway as the bench runs it (`hive-gateway supergraph <file> -c this file`): its own
 * defaults, the same depth and token limits as ours, and a plugin that signs the caller's
 * identity into every subgraph request the way our gateway does. Nothing else is added.
 *
 * The hooks are typed here by hand: importing @graphql-hive/gateway's types would pull the DOM
 * library into the whole project's type check (its fetch types differ from Node's).
 */
import { readFileSync } from 'node:fs';
import type { Identity } from '@sx/core';
import { benchSecrets, signedHeaders, subgraphNamesByUrl, viewerOf } from './viewer.js';

const SECRETS = benchSecrets();
// The bench passes the supergraph it wrote (its subgraph URLs) in SUPERGRAPH_PATH as well.
const SUBGRAPH_NAMES = subgraphNamesByUrl(readFileSync(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql', 'utf8'));

const MAX_QUERY_DEPTH = 12;
const MAX_TOKENS = 2_000;

interface SignedContext {
  request: { headers: { get(name: string): string | null } };
  sxIdentity?: Identity;
}

interface FetchOptions {
  headers?: Record<string, string>;
  body?: unknown;
}

const signIdentityPlugin = {
  // Once per request: the token is checked before any subgraph is asked.
  async onContextBuilding({ context, extendContext }: { context: SignedContext; extendContext: (extra: Partial<SignedContext>) => void }) {
    extendContext({ sxIdentity: await viewerOf(context.request.headers.get('authorization'), SECRETS.JWT_SECRET) });
  },
  onFetch({ url, context, options, setOptions }: { url: string; context?: Partial<SignedContext>; options: FetchOptions; setOptions: (options: FetchOptions) => void }) {
    const subgraph = SUBGRAPH_NAMES.get(url) ?? 'unknown';
    const body = typeof options.body === 'string' ? options.body : '';
    setOptions({ ...options, headers: { ...options.headers, ...signedHeaders(context?.sxIdentity, SECRETS.IDENTITY_SECRET, subgraph, body) } });
  },
};

export const gatewayConfig = {
  maxDepth: MAX_QUERY_DEPTH,
  maxTokens: MAX_TOKENS,
  plugins: () => [signIdentityPlugin],
};
