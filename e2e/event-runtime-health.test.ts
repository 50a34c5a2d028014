import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { NAMESPACED_STREAM_MAX_BYTES, STREAM_DUPLICATE_WINDOW_MS, streamName } from '@sx/events';
import { REPO_ROOT } from '@sx/stack';
import { gqlOk, instanceBaseUrls, metricSample, readyzDetails, scrapeMetrics, serviceMetric, signUpUser, stackInfo } from '@sx/testkit';

const run = promisify(execFile);

/** The event ids (and when each was stored) a domain's stream of this run holds from `fromSeq` on. */
async function streamIds(domain: string, fromSeq = 1): Promise<{ ids: Map<string, number>; count: number; lastSeq: number }> {
  const nc = await connect({ servers: stackInfo().natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const stream = streamName(domain, stackInfo().eventsNamespace);
    const lastSeq = (await (await jetstreamManager(nc)).streams.info(stream)).state.last_seq;
    const ids = new Map<string, number>();
    let count = 0;
    if (fromSeq > lastSeq) return { ids, count, lastSeq };
    const consumer = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq });
    const messages = await consumer.consume();
    for await (const m of messages) {
      if (m.seq > lastSeq) break;
      ids.set(m.json<{ id: string }>().id, m.info.timestampNanos / 1e6);
      count++;
      if (m.seq === lastSeq) break;
    }
    await messages.close();
    return { ids, count, lastSeq };
  } finally {
    await nc.close();
  }
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

    const before = await serviceMetric('tasks', 'sx_outbox_published_total');
    const poster = await signUpUser({ roles: ['POSTER'] });
    const { postTask } = await gqlOk<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Water the plants', category: 'GARDENING', budget: { amount: 1500, currency: 'USD' } } },
      { token: poster.accessToken },
    );
    await eventually(() => serviceMetric('tasks', 'sx_outbox_published_total'), (n) => n >= before + 1);
    // Other test files write to the same outbox, so the backlog as a whole need not be 0: this
    // mutation's own event is what must leave it, and the gauge must be a real count (-1 says
    // the backlog could not be read).
    const pool = new pg.Pool({ connectionString: stackInfo().databaseUrl, max: 1 });
    const own = () =>
      pool
        .query<{ total: number; pending: number }>(
          'SELECT count(*)::int AS total, count(*) FILTER (WHERE published_at IS NULL)::int AS pending FROM tasks.outbox WHERE aggregate_id = $1',
          [postTask.id],
        )
        .then((r) => r.rows[0]);
    await eventually(own, (r) => r?.total === 1 && r.pending === 0).finally(() => pool.end());
    for (const base of instanceBaseUrls('tasks')) expect(metricSample(await scrapeMetrics(base), 'sx_outbox_backlog'), base).toBeGreaterThanOrEqual(0);
  });

  it('replays a service outbox from the command line without duplicating stream messages', async () => {
    // Read before the replay: other tests may add rows meanwhile, and the replay covers at least these.
    const pool = new pg.Pool({ connectionString: stackInfo().databaseUrl, max: 1 });
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM tasks.outbox WHERE published_at IS NOT NULL');
    await pool.end();
    const startedAt = Date.now();
    const before = await streamIds('tasks');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('scripts', 'replay-outbox.ts'), '--service', 'tasks'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: stackInfo().databaseUrl, EVENTS_NAMESPACE: stackInfo().eventsNamespace, EVENTS_STREAM_MAX_BYTES: String(NAMESPACED_STREAM_MAX_BYTES), LOG_LEVEL: 'warn' },
    });
    expect(stdout).toMatch(/republished \d+, already in the stream \d+/);
    // What the stream holds afterwards, not what the script says: every published row is there,
    // nothing was stored twice by the replay, and no event stored inside JetStream's dedup window
    // (a minute of margin) was stored again; older ones may be, as documented.
    const after = await streamIds('tasks', before.lastSeq + 1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !before.ids.has(r.id)).map((r) => r.id)).toEqual([]);
    expect(after.ids.size).toBe(after.count);
    const windowStart = startedAt - STREAM_DUPLICATE_WINDOW_MS + 60_000;
    expect([...after.ids.keys()].filter((id) => (before.ids.get(id) ?? 0) > windowStart)).toEqual([]);
  });
});
