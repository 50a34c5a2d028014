import type { PlainRequest } from '../plain-request.js';

/**
 * The request part of a cached answer's key: operation name, variables and document. Missing and
 * null variables or names are the same request to Apollo, so they are the same key here.
 */
export function requestKeyOf(request: { query?: string | undefined; operationName?: string | null | undefined; variables?: PlainRequest['variables'] | null }): string {
  const variables = request.variables ? JSON.stringify(request.variables) : '';
  return `${request.operationName ?? ''}\n${variables}\n${request.query ?? ''}`;
}
