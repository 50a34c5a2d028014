import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { createLogger, createRedis, findInputProblem } from '@sx/runtime';
import { operationCost } from '../gateway/src/edge/query-cost.js';
import { RequestBudget } from '../gateway/src/edge/request-budget.js';
import { percentile, printTable } from './report.js';

// `npm run bench:edge`: what the gateway's edge checks add to one request (docs/security.md),
// next to what every request already pays: graphql-js validation of the same document against
// the public API schema. CPU checks in µs per request; the Redis budget charge as a latency.

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const CHARGES = Number(process.env.BENCH_CHARGES ?? 2_000);

const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const query = `query Nearby($near: NearInput, $first: Int, $search: String) {
  tasks(filter: { near: $near, search: $search, status: OPEN }, first: $first) {
    edges { cursor node { id title description category budget { amount currency } dueAt status location { lat lng address }
      poster { id name rating { average count } } bidCount } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const variables = { near: { lat: 52.52, lng: 13.405, radiusKm: 5 }, first: 20, search: 'fix the kitchen tap\nsoon' };
const document = parse(query);
const operation = getOperationAST(document);
if (!operation) throw new Error('no operation');
if (validate(schema, document).length > 0) throw new Error(`the bench query is not valid: ${JSON.stringify(validate(schema, document))}`);

function microsPerOp(work: () => void): number {
  for (let i = 0; i < 1_000; i++) work();
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) work();
  return ((performance.now() - start) * 1000) / ITERATIONS;
}

const validation = microsPerOp(() => validate(schema, document));
const inputCheck = microsPerOp(() => findInputProblem(schema, document, operation, variables));
const cost = microsPerOp(() => operationCost(schema, document, operation, variables));

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', createLogger('bench-edge', 'warn'));
const budget = new RequestBudget(redis, `sx:bench-edge:${randomUUID()}:`, { userPoints: 1e9, ipPoints: 1e9, windowSeconds: 60 });
const latencies: number[] = [];
for (let i = 0; i < CHARGES; i++) {
  const start = performance.now();
  await budget.charge({ identity: { userId: `user-${i % 50}`, roles: [], ip: '203.0.113.9' }, cost: 120 });
  latencies.push(performance.now() - start);
}
await redis.quit();
latencies.sort((a, b) => a - b);

printTable(`Edge checks per request (${ITERATIONS} iterations; the cost of this query: ${operationCost(schema, document, operation, variables)})`, [
  ['graphql validate (baseline)', `${validation.toFixed(1)} µs`],
  ['input check (controls, DateTime)', `${inputCheck.toFixed(1)} µs  (${(inputCheck / validation).toFixed(2)}× validation)`],
  ['query cost', `${cost.toFixed(1)} µs  (${(cost / validation).toFixed(2)}× validation)`],
  [`Redis budget charge p50 / p99 (${CHARGES})`, `${percentile(latencies, 0.5).toFixed(3)} / ${percentile(latencies, 0.99).toFixed(3)} ms`],
]);
