/**
 * Hive Gateway as the bench runs it (`hive-gateway supergraph <file> -c this file`): its own
 * defaults, the same depth and token limits as ours, and a plugin that signs the caller's
 * identity into every subgraph request the way our gateway does. Nothing else is added.
 *
 * The hooks are typed here by hand: importing @graphql-hive/gateway's types would pull the DOM
 * library into the whole project's type check (its fetch types differ from Node's).
 */
import type { Identity } from '@sx/core';
import { BENCH_SECRETS, signedHeaders, viewerOf } from './viewer.js';

const MAX_QUERY_DEPTH = 12;
const MAX_TOKENS = 2_000;

interface SignedContext {
  request: { headers: { get(name: string): string | null } };
  sxIdentity?: Identity;
}

interface FetchOptions {
  headers?: Record<string, string>;
}

const signIdentityPlugin = {
  // Once per request: the token is checked before any subgraph is asked.
  async onContextBuilding({ context, extendContext }: { context: SignedContext; extendContext: (extra: Partial<SignedContext>) => void }) {
    extendContext({ sxIdentity: await viewerOf(context.request.headers.get('authorization'), BENCH_SECRETS.JWT_SECRET) });
  },
  onFetch({ context, options, setOptions }: { context?: Partial<SignedContext>; options: FetchOptions; setOptions: (options: FetchOptions) => void }) {
    setOptions({ ...options, headers: { ...options.headers, ...signedHeaders(context?.sxIdentity, BENCH_SECRETS.IDENTITY_SECRET) } });
  },
};

export const gatewayConfig = {
  maxDepth: MAX_QUERY_DEPTH,
  maxTokens: MAX_TOKENS,
  plugins: () => [signIdentityPlugin],
};
