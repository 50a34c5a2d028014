import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { NAMESPACED_STREAM_MAX_BYTES } from '@sx/events';
import { REPO_ROOT } from '@sx/stack';
import { gqlOk, signUpUser, stackInfo, scrapeMetrics, readyzDetails } from '@sx/testkit';

const run = promisify(execFile);

async function metric(service: string, name: string): Promise<number> {
  const text = await scrapeMetrics(stackInfo().services[service] ?? '');
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return Number(line?.split(' ').at(-1));
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the event runtime inside a running service', () => {
  it('reports the NATS link and outbox backlog on /readyz and publishes what a mutation wrote', async () => {
    const ready = (await (await readyzDetails(stackInfo().services.tasks ?? '')).json()) as Record<string, unknown>;
    expect(ready).toMatchObject({ status: 'ready', nats: 'connected' });
    expect(typeof ready.outboxBacklog).toBe('number');

    const before = await metric('tasks', 'sx_outbox_published_total');
    const poster = await signUpUser({ roles: ['POSTER'] });
    await gqlOk(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Water the plants', category: 'GARDENING', budget: { amount: 1500, currency: 'USD' } } },
      { token: poster.accessToken },
    );
    await eventually(() => metric('tasks', 'sx_outbox_published_total'), (n) => n >= before + 1);
    expect(await metric('tasks', 'sx_outbox_backlog')).toBe(0);
  });

  it('replays a service outbox from the command line without duplicating stream messages', async () => {
    // Counted before the replay: other tests may add rows meanwhile, and the replay covers at least these.
    const pool = new pg.Pool({ connectionString: stackInfo().databaseUrl, max: 1 });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks.outbox');
    await pool.end();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('scripts', 'replay-outbox.ts'), '--service', 'tasks'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: stackInfo().databaseUrl, EVENTS_NAMESPACE: stackInfo().eventsNamespace, EVENTS_STREAM_MAX_BYTES: String(NAMESPACED_STREAM_MAX_BYTES), LOG_LEVEL: 'warn' },
    });
    const match = /republished (\d+), already in the stream (\d+)/.exec(stdout);
    expect(match, stdout).not.toBeNull();
    // Every row was replayed; those still inside JetStream's dedup window were recognised by
    // their Nats-Msg-Id instead of being stored twice.
    expect(Number(match?.[1]) + Number(match?.[2])).toBeGreaterThanOrEqual(rows[0]?.n ?? 1);
    expect(Number(match?.[2])).toBeGreaterThan(0);
  });
});
