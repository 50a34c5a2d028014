import { createGraphiQLFetcher } from '@graphiql/toolkit';
import type { Fetcher } from '@graphiql/toolkit';

/** The gateway's graphql-ws endpoint: the same host and path as HTTP, ws:// or wss:// to match the page. */
export function subscriptionUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/graphql`;
}

/** Header names are case-insensitive in HTTP but not as connectionParams keys; the gateway reads `authorization`. */
function lowerCaseKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Queries and mutations go over HTTP to /graphql on this origin; subscriptions over graphql-ws on
 * the same URL. The toolkit passes the headers editor's object to the socket as connectionParams,
 * so `{"Authorization": "Bearer …"}` typed there becomes `connectionParams.authorization`.
 */
export function createGatewayFetcher(location: Location): Fetcher {
  const fetcher = createGraphiQLFetcher({ url: '/graphql', subscriptionUrl: subscriptionUrl(location) });
  return (params, opts) => fetcher(params, opts && { ...opts, headers: lowerCaseKeys(opts.headers) });
}
