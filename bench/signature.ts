/**
 * What the subgraph signature costs per request (issue 14, F3): the gateway signs every
 * subgraph fetch (HMAC-SHA256 over identity, subgraph, method, body hash, request id) and the
 * subgraph verifies it (hash the raw body, check the HMAC under each accepted key, parse). Run
 * with `npm run bench:signature`; prints microseconds per operation for a small and a large body.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { bodyHash, deriveIdentityKey, signSubgraphRequest, verifySubgraphRequest } from '@sx/runtime';
import type { Identity } from '@sx/core';

const ROUNDS = 20_000;
const identity: Identity = { userId: randomUUID(), roles: ['POSTER', 'TASKER'], ip: '203.0.113.7' };
const key = deriveIdentityKey(randomBytes(48).toString('base64url'), 'tasks');
const previousKey = deriveIdentityKey(randomBytes(48).toString('base64url'), 'tasks');

function microsPer(rounds: number, work: (i: number) => void): number {
  for (let i = 0; i < 1_000; i++) work(i); // warm up
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) work(i);
  return Number(process.hrtime.bigint() - started) / 1_000 / rounds;
}

function measure(label: string, body: string): void {
  const request = { subgraph: 'tasks', method: 'POST', body, requestId: randomUUID() };
  const headers = signSubgraphRequest(identity, key, request);
  const received = { subgraph: 'tasks', method: 'POST', bodyHash: bodyHash(body) };
  const sign = microsPer(ROUNDS, (i) => signSubgraphRequest(identity, key, { ...request, requestId: String(i) }));
  const hash = microsPer(ROUNDS, () => bodyHash(body));
  const verify = microsPer(ROUNDS, () => verifySubgraphRequest(headers, [key], received, 5_000));
  const verifyRotating = microsPer(ROUNDS, () => verifySubgraphRequest(headers, [key, previousKey], received, 5_000));
  process.stdout.write(
    `${label.padEnd(22)} sign ${sign.toFixed(2)} µs · body hash ${hash.toFixed(2)} µs · verify ${verify.toFixed(2)} µs · verify during a rotation (2 keys) ${verifyRotating.toFixed(2)} µs\n`,
  );
}

const small = JSON.stringify({ query: '{ me { id name } }' });
const entities = Array.from({ length: 100 }, () => ({ __typename: 'User', id: randomUUID() }));
const large = JSON.stringify({ query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }', variables: { representations: entities } });

process.stdout.write(`Subgraph signature cost, ${ROUNDS} rounds each (Node ${process.versions.node}):\n`);
measure(`small body (${small.length} B)`, small);
measure(`large body (${large.length} B)`, large);
