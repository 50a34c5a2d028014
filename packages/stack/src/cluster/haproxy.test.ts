import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { haproxyConfig, type Balanced } from './haproxy.js';

const plan: Balanced[] = [
  { name: 'gateway', port: 14000, servers: [14100, 14101], mode: 'http' },
  { name: 'wallet', port: 14004, servers: [14104, 14105], mode: 'http' },
  { name: 'nats', port: 14222, servers: [14300, 14301, 14302], mode: 'tcp' },
];

/** The `listen` section named `name`, up to the next one. */
const sectionOf = (config: string, name: string) => config.split(/\n(?=listen )/).find((s) => s.startsWith(`listen ${name}\n`)) ?? '';

describe('the generated haproxy.cfg', () => {
  it('is accepted by haproxy itself (haproxy -c), as `npm run start:cluster` writes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sx-haproxy-'));
    try {
      const file = path.join(dir, 'haproxy.cfg');
      writeFileSync(file, haproxyConfig(plan));
      const { stdout } = await promisify(execFile)('haproxy', ['-c', '-f', file], { env: { ...process.env, PATH: `/usr/sbin:${process.env.PATH ?? ''}` } });
      expect(stdout).toMatch(/Configuration file is valid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('health-checks HTTP instances on /readyz, failing open, and keeps WebSockets open, retrying only refused connections', () => {
    const config = haproxyConfig(plan);
    expect(config).toMatch(/timeout tunnel 1h/);
    for (const name of ['gateway', 'wallet']) {
      const section = sectionOf(config, name);
      expect(section).toMatch(/mode http/);
      expect(section).toMatch(/option httpchk GET \/readyz/);
      expect(section).toMatch(/retry-on conn-failure\n/);
      // Fail open when every checked instance is down: the same instances, unchecked, as backups.
      expect(section.match(/server \w+-\d-open 127\.0\.0\.1:\d+ backup\n/g)).toHaveLength(2);
    }
    expect(sectionOf(config, 'gateway')).toMatch(/bind 127\.0\.0\.1:14000\n[\s\S]*server gateway-1 127\.0\.0\.1:14100 check\n  server gateway-2 127\.0\.0\.1:14101 check/);
  });

  it('balances NATS as plain TCP over every node', () => {
    const section = sectionOf(haproxyConfig(plan), 'nats');
    expect(section).toMatch(/mode tcp/);
    expect(section).not.toMatch(/httpchk/);
    expect(section.match(/server nats-\d 127\.0\.0\.1:143\d\d check/g)).toHaveLength(3);
  });
});
