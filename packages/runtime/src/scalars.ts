import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parseIso(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new GraphQLError(`"${value}" is not an ISO-8601 date-time such as 2026-01-31T17:00:00Z.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
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
    if (typeof value !== 'string') throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseIso(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseIso(ast.value);
  },
});
