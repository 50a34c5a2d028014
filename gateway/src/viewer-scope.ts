import type { Identity } from '@sx/core';

/**
 * Who a subgraph answer may be shared with: everyone anonymous shares one scope; a signed-in
 * caller's scope is their user id and roles, so one viewer's private answer never reaches
 * another. The caller's IP is signed too but decides no read, so it does not split the scope.
 */
export function viewerScope(identity: Identity): string {
  if (!identity.userId) return 'anonymous';
  return `user:${identity.userId}:${[...identity.roles].sort().join(',')}`;
}

/**
 * The scope of fetches that select only public fields (cache/public-fields.ts): fetched signed as
 * anonymous and shared by every viewer. Not a scope viewerScope can return.
 */
export const PUBLIC_SCOPE = 'public';
