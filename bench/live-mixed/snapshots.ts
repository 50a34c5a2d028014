/** Heap snapshots of the gateway, written by the process itself on SIGUSR2 (`--heapsnapshot-signal`). */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export function snapshotDir(dir: string): string {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  return absolute;
}

const snapshotFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));

/** Signals the process and waits until its new snapshot file stops growing. */
export async function takeSnapshot(pid: number, dir: string): Promise<string> {
  const known = new Set(snapshotFiles(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 300_000;
  let last = -1;
  while (Date.now() < deadline) {
    await sleep(1_000);
    const file = snapshotFiles(dir).find((f) => !known.has(f));
    if (!file) continue;
    const size = statSync(path.join(dir, file)).size;
    if (size > 0 && size === last) return path.join(dir, file);
    last = size;
  }
  throw new Error(`no heap snapshot from process ${pid} in ${dir}`);
}
