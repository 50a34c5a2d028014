import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findInputProblem } from './input-check.js';

const schema = buildSchema(`
  scalar DateTime
  input Draft { title: String!, tags: [String!], dueAt: DateTime, count: Int }
  type Query { search(text: String, ids: [ID!]): Int, post(input: Draft!): Int }
`);

function problemOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return findInputProblem(schema, document, operation, variables);
}

describe('the input check', () => {
  it('accepts ordinary text with tabs and line breaks, and ISO date-times', () => {
    expect(problemOf('{ search(text: "tap\\tleaks\\r\\nkitchen") }')).toBeNull();
    expect(problemOf('query($d: Draft!) { post(input: $d) }', { d: { title: 'x', tags: ['a'], dueAt: '2026-01-31T17:00:00Z', count: 3 } })).toBeNull();
  });

  it('names the input field holding a NUL, in a variable or a literal', () => {
    expect(problemOf('query($d: Draft!) { post(input: $d) }', { d: { title: 'a\u0000b' } })).toMatchObject({
      reason: 'CONTROL_CHARACTER',
      field: 'title',
      path: 'input.title',
      message: expect.stringContaining('U+0000'),
    });
    expect(problemOf('{ post(input: { title: "ok", tags: ["fine", "bell\\u0007"] }) }')).toMatchObject({ field: 'tags', path: 'input.tags[1]' });
    expect(problemOf('{ search(ids: ["a\\u001b"]) }')).toMatchObject({ field: 'ids', path: 'ids[0]' });
  });

  it('refuses DEL and C1 controls too', () => {
    expect(problemOf('query($t: String) { search(text: $t) }', { t: 'x\u007f' })).toMatchObject({ field: 'text' });
    expect(problemOf('query($t: String) { search(text: $t) }', { t: 'x\u0085' })).toMatchObject({ reason: 'CONTROL_CHARACTER' });
  });

  it('refuses a DateTime that is not one, as a string or a number', () => {
    expect(problemOf('query($d: DateTime) { post(input: { title: "x", dueAt: $d }) }', { d: 'not-a-date' })).toMatchObject({
      reason: 'INVALID_INPUT',
      field: 'dueAt',
      message: expect.stringContaining('not an ISO-8601 date-time'),
    });
    expect(problemOf('{ post(input: { title: "x", dueAt: 12345 }) }')).toMatchObject({ field: 'dueAt', message: expect.stringContaining('must be a string') });
    expect(problemOf('query($d: Draft!) { post(input: $d) }', { d: { title: 'x', dueAt: 12345 } })).toMatchObject({ path: 'input.dueAt' });
  });
});
