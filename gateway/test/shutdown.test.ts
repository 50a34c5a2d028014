import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, randomSecret, REPO_ROOT, waitFor } from '@sx/stack';
import { gql } from '@sx/testkit';
import { startFakeSubgraph } from './fake-subgraph.js';

describe('gateway shutdown', () => {
  it('finishes the request in flight on SIGTERM, then exits 0', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fake = await startFakeSubgraph(async () => {
      await released;
      return { json: { data: { user: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } } } };
    });
    const port = await freePort();
    // development, not test: Apollo installs its own signal handlers outside NODE_ENV=test.
    // No start-up read of accounts: the fake would hold it, and it would count as the request in flight.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'gateway/src/index.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', USERS_URL: fake.url, IDENTITY_SECRET: randomSecret(), JWT_SECRET: randomSecret(), KNOWN_USERS_PRELOAD_MAX: '0' },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 'gateway /healthz', 30_000);
      const inFlight = gql<{ user: { id: string } }>('{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }', {}, {
        url: `http://127.0.0.1:${port}/graphql`,
      });
      await waitFor(async () => fake.requests.length === 1, 'the request to reach the subgraph', 10_000, 20);
      child.kill('SIGTERM');
      // Shutdown has begun once new connections are refused; only then may the answer come.
      const refusesConnections = async () => {
        try {
          await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
          return false;
        } catch {
          return true;
        }
      };
      await waitFor(refusesConnections, 'the gateway to stop accepting connections', 10_000, 20);
      release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.data?.user.id).toBe('7c9e6679-7425-40de-944b-e07fc1f90ae7');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });
});
