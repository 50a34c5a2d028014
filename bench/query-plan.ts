/**
 * The query plans @apollo/gateway makes for the gateway bench's operations (reads and placeBid), printed the way
 * the planner formats them: which subgraph is asked what, in which order.
 *
 *   npx tsx bench/query-plan.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { REPO_ROOT } from '@sx/stack';
import { LISTING, PLACE_BID } from './gateway/operations.js';

const DEEP_READ = 'query TaskBids($id: ID!) { task(id: $id) { id title bids(first: 20) { edges { node { id amount { amount currency } tasker { id name rating { average count } } } } } } }';

const supergraph = Supergraph.build(readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'));
const planner = new QueryPlanner(supergraph);
const schema = supergraph.schema;
for (const [name, query] of [
  ['(a)/(b) listing', LISTING],
  ['(c) deep read', DEEP_READ],
  ['(d) placeBid', PLACE_BID],
] as const) {
  const plan = planner.buildQueryPlan(operationFromDocument(schema, parse(query)));
  process.stdout.write(`\n${name}\n${prettyFormatQueryPlan(plan)}\n`);
}
