import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** TRUST_PROXY as env.ts reads it: false, true, a hop count, or a list of trusted subnets. */
export type TrustProxy = boolean | number | string;

/**
 * The client's address under TRUST_PROXY, computed the way express computes `req.ip`, for
 * requests express never sees (WebSocket upgrades): X-Forwarded-For is believed only for hops
 * that are trusted proxies, so a client cannot name its own address to dodge a per-IP limit.
 */
export function trustedClientIp(trustProxy: TrustProxy): (request: IncomingMessage) => string | null {
  const trust = trustFunction(trustProxy);
  return (request) => {
    if (!request.socket.remoteAddress) return null;
    return proxyaddr(request, trust);
  };
}

function trustFunction(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyaddr.compile(value.split(',').map((s) => s.trim()));
}
