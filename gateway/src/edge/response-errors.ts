import type { GraphQLFormattedError } from 'graphql';

/** What graphql-js says when a document costs too much to validate, with no reason given. */
const VALIDATION_ABORTED = 'Validation aborted.';
const VALIDATION_ABORTED_READABLE =
  'The query is too complex to check (too many overlapping fields to compare or fragments to expand): send a smaller query with fewer repeated fields and fragment spreads.';

/** graphql-armor reports its limits (depth, cost, …) as validation errors prefixed like parse errors. */
const ARMOR_PREFIX = 'Syntax Error: ';

function readable(error: GraphQLFormattedError): GraphQLFormattedError {
  if (error.message === VALIDATION_ABORTED) return { ...error, message: VALIDATION_ABORTED_READABLE };
  if (error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && error.message.startsWith(ARMOR_PREFIX)) {
    return { ...error, message: error.message.slice(ARMOR_PREFIX.length) };
  }
  return error;
}

function errorKey(error: GraphQLFormattedError): string {
  return `${String(error.extensions?.code)}\n${error.message}`;
}

/**
 * The errors of one response as a client should get them: "Validation aborted." said with its
 * reason, a limit of graphql-armor not called a syntax error, each distinct error once (60 copies of one mistake teach nothing more than one), and
 * at most `max` of them plus a last one that says how many were left out.
 */
export function tidyErrors(errors: readonly GraphQLFormattedError[], max: number): GraphQLFormattedError[] {
  const seen = new Set<string>();
  const distinct: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const tidy = readable(error);
    const key = errorKey(tidy);
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(tidy);
  }
  const omitted = errors.length - Math.min(distinct.length, max);
  if (omitted === 0) return distinct;
  const kept = distinct.slice(0, max);
  const code = kept[0]?.extensions?.code;
  return [
    ...kept,
    {
      message: `${omitted} more error${omitted === 1 ? '' : 's'} (repeats of those above, or beyond the first ${max}) left out: fix these first.`,
      extensions: { ...(code === undefined ? {} : { code }), omittedErrors: omitted },
    },
  ];
}

/** The longest wait any RATE_LIMITED error of a response asks for, in whole seconds; null if none. */
export function retryAfterSecondsOf(errors: readonly GraphQLFormattedError[]): number | null {
  let longest: number | null = null;
  for (const error of errors) {
    const wait = error.extensions?.retryAfterSeconds;
    if (error.extensions?.code !== 'RATE_LIMITED' || typeof wait !== 'number' || !Number.isFinite(wait)) continue;
    longest = Math.max(longest ?? 0, Math.max(1, Math.ceil(wait)));
  }
  return longest;
}
