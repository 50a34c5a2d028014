/** A GraphQL request over POST as Apollo takes it: one document, no persisted-query hash. */
export interface PlainRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * The request fields Apollo checks, or undefined when Apollo would refuse the body for its shape
 * or it asks for a persisted query (both are left to Apollo). For answers given before Apollo.
 */
export function plainRequestOf(body: unknown): PlainRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  const objectOrNothing = (value: unknown) => value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
  if (typeof query !== 'string' || !objectOrNothing(variables) || !objectOrNothing(extensions)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions) return undefined;
  return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: operationName ?? undefined };
}

/** Apollo answers application/json to these; anything else (graphql-response+json) is left to it. */
export function wantsPlainJson(accept: string | undefined): boolean {
  return accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json';
}
