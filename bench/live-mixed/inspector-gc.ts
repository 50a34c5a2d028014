/**
 * Full garbage collections of the gateway, asked through its inspector (`--inspect` on a free
 * port): `HeapProfiler.collectGarbage` is V8's low-memory collection, which also gives the young
 * generation's pages back. Memory read right after it counts what is live, not what the
 * collector happened to leave lying around — without it the young generation (up to 128 MB on
 * this machine) makes RSS per subscription swing between 4 and 30 KB from run to run.
 */
import WebSocket from 'ws';

export async function collectGarbage(inspectPort: number): Promise<void> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${inspectPort}`);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    for (let round = 1; round <= 2; round += 1) {
      await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve());
        ws.once('error', reject);
        ws.send(JSON.stringify({ id: round, method: 'HeapProfiler.collectGarbage' }));
      });
    }
  } finally {
    ws.close();
  }
}
