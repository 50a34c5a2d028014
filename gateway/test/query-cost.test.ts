import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MUTATION_FIELD_COST, operationCost } from '../src/edge/query-cost.js';

const schema = buildSchema(`
  type Task { id: ID!, title: String!, bids(first: Int): BidConnection! }
  type Bid { id: ID!, amount: Int! }
  type BidEdge { node: Bid! }
  type BidConnection { edges: [BidEdge!]! }
  type TaskEdge { node: Task! }
  type TaskConnection { edges: [TaskEdge!]! }
  type Query { me: Task, tasks(first: Int): TaskConnection! }
  type Mutation { cancel(id: ID!): Task }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, variables);
}

describe('operation cost', () => {
  it('counts one per field of a single object', () => {
    expect(cost('{ me { id title } }')).toBe(3);
  });

  it('multiplies what is inside a page by its size, from a literal, a variable or the default of 20', () => {
    expect(cost('{ tasks(first: 5) { edges { node { id } } } }')).toBe(1 + 5 * 3);
    expect(cost('query($n: Int) { tasks(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(1 + 50 * 3);
    expect(cost('{ tasks { edges { node { id } } } }')).toBe(1 + 20 * 3);
  });

  it('nests pages: 100 tasks with 100 bids each cost ten thousand times a bid', () => {
    const query = '{ tasks(first: 100) { edges { node { bids(first: 100) { edges { node { id } } } } } } }';
    expect(cost(query)).toBe(1 + 100 * 3 + 100 * 100 * 3);
  });

  it('counts fields reached through fragments, and a write for each mutation field', () => {
    expect(cost('{ me { ...F } } fragment F on Task { id title }')).toBe(3);
    expect(cost('mutation { cancel(id: "1") { id } }')).toBe(2 + MUTATION_FIELD_COST);
  });
});
