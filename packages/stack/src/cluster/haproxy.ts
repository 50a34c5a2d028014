import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../wait.js';
import { portOpen, spawnOwned, type OwnedChild } from './child.js';

const BINARY = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p)) ?? 'haproxy';

/** One load-balanced address: a frontend port and the instances behind it. */
export interface Balanced {
  name: string;
  port: number;
  servers: readonly number[];
  /**
   * http: health-checked on GET /readyz, WebSocket upgrades tunnelled (gateways, subgraphs);
   * tcp: plain TCP with a connect check (NATS clients).
   */
  mode: 'http' | 'tcp';
}

// `timeout tunnel` keeps an upgraded WebSocket open as long as it is used; the check interval
// takes a dead instance out within about three seconds; `retry-on conn-failure` with
// `redispatch` sends a request that could not connect to the other instance (never a request
// the first one may have started: a mutation is not replayed behind the client's back).
const DEFAULTS = `global
  maxconn 4000

defaults
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  timeout tunnel 1h
  timeout client-fin 5s
  timeout check 5s
  option redispatch
  retries 3
  default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 2
`;

function section(b: Balanced): string {
  const servers = b.servers.map((port, i) => `  server ${b.name}-${i + 1} 127.0.0.1:${port} check`).join('\n');
  // Fail open: on an overloaded machine /readyz can be slow enough to mark every instance down
  // at once; then the same instances, unchecked, take the traffic (a dead one refuses the
  // connection and the request is redispatched) instead of every client getting a 503.
  const open = b.servers.map((port, i) => `  server ${b.name}-${i + 1}-open 127.0.0.1:${port} backup`).join('\n');
  if (b.mode === 'tcp') {
    return `
listen ${b.name}
  mode tcp
  bind 127.0.0.1:${b.port}
  balance leastconn
  option tcp-check
${servers}
`;
  }
  return `
listen ${b.name}
  mode http
  bind 127.0.0.1:${b.port}
  balance leastconn
  option http-server-close
  option httpchk GET /readyz
  http-check expect status 200
  retry-on conn-failure
  option allbackups
${servers}
${open}
`;
}

/** The whole haproxy.cfg for these addresses. */
export function haproxyConfig(balanced: readonly Balanced[]): string {
  return DEFAULTS + balanced.map(section).join('');
}

/** Writes the config under `dir` and runs haproxy in the foreground (-db) as a child process. */
export async function startHaproxy(opts: { dir: string; balanced: readonly Balanced[]; echo?: boolean }): Promise<OwnedChild> {
  const file = path.join(opts.dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(opts.balanced));
  const proc = spawnOwned('haproxy', BINARY, ['-db', '-f', file], { echo: opts.echo ?? false });
  let exited = false;
  proc.child.once('exit', () => (exited = true));
  // A config haproxy refuses makes it exit at once: stop waiting then, with its output.
  const listening = async () => exited || (await Promise.all(opts.balanced.map((b) => portOpen(b.port)))).every(Boolean);
  await waitFor(listening, 'haproxy to listen', 15_000, 100).catch(() => undefined);
  if (exited || !(await listening())) {
    await proc.stop('SIGKILL');
    throw new Error(`haproxy did not start\n--- haproxy output ---\n${proc.tail()}`);
  }
  return proc;
}
