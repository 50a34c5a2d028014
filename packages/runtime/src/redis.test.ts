import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '@sx/testkit';
import { createLogger } from './logger.js';
import { createRedis, type Redis } from './redis.js';

const REDIS = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A TCP relay to the machine's Redis that the test can take away (closing every connection) and bring back on the same port. */
class RedisRelay {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(Number(REDIS.port || 6379), REDIS.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the Redis client when Redis goes away', () => {
  const relay = new RedisRelay();
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('redis-unit', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  let redis: Redis | undefined;

  beforeAll(() => relay.open());
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    redis?.disconnect();
    await relay.close();
  });

  it('logs the outage once while it reconnects, prints no unhandled error event, and logs the return', async () => {
    const consoleErrors = vi.spyOn(console, 'error');
    redis = createRedis(`redis://127.0.0.1:${relay.port}`, log);
    expect(await redis.ping()).toBe('PONG');

    await relay.close();
    // ioredis retries after 50, 100, 150 … ms, each refused attempt an 'error' event: wait for
    // several (counted by its 'reconnecting' event, so the client's own listener stays the only one).
    let attempts = 0;
    redis.on('reconnecting', () => (attempts += 1));
    await eventually(async () => attempts, (n) => n >= 4, { what: 'several failed reconnects', timeoutMs: 20_000 });
    const outages = lines.filter((l) => l.msg === 'redis unreachable; reconnecting (logged once per outage)');
    expect(outages).toHaveLength(1);
    expect(outages[0]).toMatchObject({ level: 40, service: 'redis-unit' });
    expect(consoleErrors.mock.calls.filter((args) => String(args[0]).includes('Unhandled error event'))).toEqual([]);

    await relay.open();
    await eventually(async () => lines.filter((l) => l.msg === 'redis reachable again').length, (n) => n === 1, { what: 'the return logged', timeoutMs: 20_000 });
    expect(await redis.ping()).toBe('PONG');
    expect(lines.filter((l) => l.msg === 'redis unreachable; reconnecting (logged once per outage)')).toHaveLength(1);
  }, 60_000);
});
