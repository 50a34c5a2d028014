import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canBind, freePort, PortReserver } from './free-port.js';

/** Candidates in the given order, then ports counting up from the last one. */
function sequence(...ports: number[]): () => number {
  let i = 0;
  let next = (ports.at(-1) ?? 20_000) + 1;
  return () => ports[i++] ?? next++;
}

/** A port nothing listens on, picked the old way (bind 0): the port both racers see as free. */
async function probedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sx-ports-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('PortReserver', () => {
  it('never hands the same free port to two reservers, though the probe finds it free for both', async () => {
    const contested = await probedPort();
    const first = new PortReserver({ dir, candidate: sequence(contested) });
    const second = new PortReserver({ dir, candidate: sequence(contested, contested) });
    const [a, b] = await Promise.all([first.reserve(), second.reserve()]);
    // Before reservations, both would get `contested` and the second server to bind it would fail with EADDRINUSE.
    expect(await canBind(contested)).toBe(true);
    expect(new Set([a, b]).size).toBe(2);
    expect([a, b]).toContain(contested);
    expect(readdirSync(dir).map(Number).sort()).toEqual([a, b].sort());
  });

  it('keeps a port reserved by another live process from this one', async () => {
    const contested = await probedPort();
    // The other process reserves `contested` and holds it until told to exit.
    const script = `
      import { PortReserver } from ${JSON.stringify(path.resolve(import.meta.dirname, 'free-port.ts'))};
      const r = new PortReserver({ dir: ${JSON.stringify(dir)}, candidate: () => ${contested} });
      console.log(await r.reserve());
      process.stdin.once('data', () => process.exit(0));
    `;
    const other = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const reservedThere = await new Promise<number>((resolve, reject) => {
        other.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        other.once('exit', (code) => reject(new Error(`the other process exited with ${code}`)));
      });
      expect(reservedThere).toBe(contested);
      const here = await new PortReserver({ dir, candidate: sequence(contested) }).reserve();
      expect(here).not.toBe(contested);
      expect(readFileSync(path.join(dir, String(contested)), 'utf8')).toBe(String(other.pid));
    } finally {
      other.stdin.write('\n');
      await new Promise((resolve) => other.once('exit', resolve));
    }
  }, 60_000);

  it('removes the reservation of a process that has exited, and hands the port out again later', async () => {
    const port = await probedPort();
    writeFileSync(path.join(dir, String(port)), '999999999');
    const reserver = new PortReserver({ dir, candidate: sequence(port, port), alive: (pid) => pid !== 999999999 });
    // The stale file is removed (by the first sweep, or when its port comes up) and an exclusive create wins the port.
    expect(await reserver.reserve()).toBe(port);
    expect(readFileSync(path.join(dir, String(port)), 'utf8')).toBe(String(process.pid));
  });

  it('sweeps the reservations of exited processes when it first reserves, and keeps live ones', async () => {
    const port = await probedPort();
    writeFileSync(path.join(dir, '20001'), '999999999');
    writeFileSync(path.join(dir, '20002'), String(process.pid));
    const reserver = new PortReserver({ dir, candidate: sequence(port), alive: (pid) => pid !== 999999999 });
    expect(await reserver.reserve()).toBe(port);
    expect(readdirSync(dir).sort()).toEqual(['20002', String(port)].sort());
  });

  it('skips a port a server outside the reservations listens on, and gives up that reservation', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const busy = (server.address() as net.AddressInfo).port;
    try {
      const reserver = new PortReserver({ dir, candidate: sequence(busy) });
      const got = await reserver.reserve();
      expect(got).not.toBe(busy);
      expect(readdirSync(dir)).toEqual([String(got)]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not hand out a port it already holds, and release gives it back', async () => {
    const port = await probedPort();
    let other = await probedPort();
    while (other === port) other = await probedPort(); // bind(0) may hand the same port out twice
    const reserver = new PortReserver({ dir, candidate: sequence(port, port, other, port) });
    const first = await reserver.reserve();
    const second = await reserver.reserve();
    expect(first).toBe(port);
    expect(second).toBe(other);
    reserver.release(port);
    expect(readdirSync(dir)).toEqual([String(second)]);
    expect(await reserver.reserve()).toBe(port);
  });
});

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, free to bind', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(low);
    expect((await Promise.all(ports.map(canBind))).every(Boolean)).toBe(true);
  });
});
