import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE_TIME_PREFIX = /^\d{4}-\d{2}-\d{2}T/;

/**
 * Why a value is not a DateTime input, or null when it is one: a string in ISO-8601 form that
 * names a real instant. Shared by the scalar and the input check of gateway and subgraphs.
 */
export function dateTimeInputProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `DateTime must be a string such as 2026-01-31T17:00:00Z, not ${JSON.stringify(value) ?? typeof value}.`;
  if (!ISO_DATE_TIME_PREFIX.test(value) || Number.isNaN(new Date(value).getTime())) {
    return `${JSON.stringify(value.slice(0, 64))} is not an ISO-8601 date-time such as 2026-01-31T17:00:00Z.`;
  }
  return null;
}

function parseIso(value: unknown): Date {
  const problem = dateTimeInputProblem(value);
  if (problem !== null) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  return new Date(value as string);
}

/** ISO-8601 date-time, serialized in UTC. Shared by every subgraph that declares `scalar DateTime`. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time in UTC, e.g. 2026-01-31T17:00:00.000Z.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    return parseIso(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseIso(ast.value);
  },
});
