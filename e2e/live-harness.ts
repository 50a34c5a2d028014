import { afterAll, beforeAll } from 'vitest';
import { eventually, liveConnection, type LiveConnection } from '@sx/testkit';
import { startTestGateway } from '../gateway/test/test-gateway.js';
import type { RunningGateway } from '../gateway/src/server.js';

/**
 * A gateway instance of the test file's own (the real gateway code, on its own port, routed to
 * the test stack's subgraphs), so tests can see when its hub holds their subscriptions, with the
 * connections a test opens closed after the file.
 */
export function useLiveGateway(env: Record<string, string> = {}) {
  let gateway: RunningGateway | undefined;
  const open: LiveConnection[] = [];
  beforeAll(async () => {
    gateway = await startTestGateway(env);
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.dispose()));
    await gateway?.stop();
  });
  const gw = (): RunningGateway => {
    if (!gateway) throw new Error('the live gateway starts in beforeAll');
    return gateway;
  };
  return {
    gw,
    /** A graphql-ws connection to this gateway (or another, by URL), closed after the file. */
    connect(token: string, url = gw().url): LiveConnection {
      const connection = liveConnection(url, { token });
      open.push(connection);
      return connection;
    },
    /** Subscriptions are registered asynchronously: wait until the hub holds `count` of `field`. */
    subscribed(field: string, count: number): Promise<number> {
      return eventually(async () => gw().live.hub.count(field), (n) => n >= count, { what: `${count} ${field} subscriptions` });
    },
    count: (field: string) => gw().live.hub.count(field),
  };
}
