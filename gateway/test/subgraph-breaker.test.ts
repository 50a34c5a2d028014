import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RunningStack } from '@sx/stack';
import { launchOwnSubgraph, createFreshDatabase, dropDatabase, deleteStreams, gql, metricSample, scrapeMetrics, signUpUser, stackInfo, eventually, type TestUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startTestGateway } from './test-gateway.js';

// A wallet process of this file's own (own database and streams, so stopping it disturbs no
// other test), behind an in-process gateway with a small breaker: 3 failures open it for 3 s
// (long enough that a loaded machine still asks again while it is open, not already half-open).
const OPEN_MS = 3_000;
const TIMEOUT_MS = 600;
let wallet: RunningStack;
let gateway: RunningGateway;
let databaseUrl: string;
const namespace = `tb${randomUUID().slice(0, 8)}`;
let user: TestUser;

const WALLET_QUERY = '{ me { name wallet { available { amount currency } } } }';
const walletAnswer = () => gql<{ me: { name: string; wallet: unknown } | null }>(WALLET_QUERY, {}, { url: gateway.url, token: user.accessToken });
const deposit = () =>
  gql('mutation($input: DepositInput!) { deposit(input: $input) { wallet { balance { amount } } } }', { input: { amount: { amount: 500, currency: 'USD' }, idempotencyKey: randomUUID() } }, { url: gateway.url, token: user.accessToken });

async function walletMetrics() {
  const text = await scrapeMetrics(gateway.url);
  const sample = (name: string, labels: string[] = []) => metricSample(text, name, ['subgraph="wallet"', ...labels]) ?? 0;
  return {
    state: sample('sx_gateway_circuit_state'),
    retries: sample('sx_gateway_subgraph_retries_total'),
    refused: sample('sx_gateway_subgraph_requests_total', ['outcome="circuit_open"']),
    unreachable: sample('sx_gateway_subgraph_requests_total', ['outcome="unreachable"']),
    timeouts: sample('sx_gateway_subgraph_requests_total', ['outcome="timeout"']),
  };
}

/** After the circuit's open period, the next read is the probe: it succeeds once wallet is back. */
async function expectRecovered() {
  const res = await eventually(walletAnswer, (r) => !r.errors, { what: 'wallet answering again', timeoutMs: 30_000, intervalMs: 100 });
  expect(res.data?.me?.name).toBe(user.name);
  expect((await walletMetrics()).state).toBe(0);
}

beforeAll(async () => {
  databaseUrl = await createFreshDatabase();
  wallet = await launchOwnSubgraph('wallet', { databaseUrl, namespace });
  gateway = await startTestGateway({
    WALLET_URL: `${wallet.processes.get('wallet')!.baseUrl}/graphql`,
    BREAKER_FAILURES: '3',
    BREAKER_OPEN_MS: String(OPEN_MS),
    SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
    SUBGRAPH_READ_RETRIES: '2',
  });
  user = await signUpUser();
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await wallet?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
});

describe('circuit breaker and retries at the gateway', () => {
  it('keeps the rest of the answer when a killed subgraph is down, retries reads but never mutations, and fails fast once open', async () => {
    const healthy = await walletAnswer();
    expect(healthy.errors).toBeUndefined();
    await wallet.kill('wallet', 'SIGKILL');

    // A mutation is sent once: it may have been applied before the connection broke.
    const mutation = await deposit();
    expect(mutation.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE', subgraph: 'wallet' });
    expect(await walletMetrics()).toMatchObject({ retries: 0, unreachable: 1, state: 0 });

    // A read is retried: its first two attempts fail (three failures in a row with the
    // mutation's), which opens the circuit, so the second retry is refused without a fetch.
    // users' part of the answer stands, wallet's field is null.
    const read = await walletAnswer();
    expect(read.data).toEqual({ me: { name: user.name, wallet: null } });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', subgraph: 'wallet', retryable: true });
    expect(await walletMetrics()).toMatchObject({ retries: 2, unreachable: 3, refused: 1, state: 2 });

    // Open: the next read is refused at once, without a fetch.
    const started = Date.now();
    const refused = await walletAnswer();
    expect(Date.now() - started).toBeLessThan(OPEN_MS);
    expect(refused.data).toEqual({ me: { name: user.name, wallet: null } });
    expect(refused.errors?.[0]?.message).toMatch(/wallet service is unavailable right now \(circuit open\)/);
    expect(await walletMetrics()).toMatchObject({ refused: 2, unreachable: 3 });

    await wallet.restart('wallet');
    await expectRecovered();
  }, 120_000);

  it('stops waiting for a slowed subgraph: timeouts open the circuit, later reads fail fast, and it closes when the subgraph is quick again', async () => {
    const child = wallet.processes.get('wallet')!.child;
    const before = await walletMetrics();
    child.kill('SIGSTOP'); // frozen: connections are accepted by the kernel, nothing answers
    try {
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const slow = await walletAnswer();
        expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
        expect(slow.data).toEqual({ me: { name: user.name, wallet: null } });
        expect(slow.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', subgraph: 'wallet' });
      }
      const after = await walletMetrics();
      // Timed-out reads are not retried (a slow subgraph would only get more work).
      expect(after.retries).toBe(before.retries);
      expect(after.timeouts - before.timeouts).toBe(3);
      expect(after.state).toBe(2);

      // Refused without a fetch: no timeout waited for, counted as circuit_open.
      const fast = await walletAnswer();
      expect(fast.errors?.[0]?.message).toMatch(/circuit open/);
      expect(await walletMetrics()).toMatchObject({ timeouts: after.timeouts, refused: after.refused + 1 });
    } finally {
      child.kill('SIGCONT');
    }
    await expectRecovered();
  }, 120_000);
});
