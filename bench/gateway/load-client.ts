/** The bench's end of the load generator: one forked process, one job at a time. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-types.js';

type Reply = { ok: true; result: LoadResult } | { ok: false; error: string };

export interface LoadClient {
  pid: number;
  run: (job: LoadJob) => Promise<LoadResult>;
  close: () => void;
}

export function startLoadClient(): LoadClient {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid ?? 0,
    run: (job) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load generator exited with ${code}`));
        child.once('exit', onExit);
        child.once('message', (reply: Reply) => {
          child.off('exit', onExit);
          if (reply.ok) resolve(reply.result);
          else reject(new Error(`load generator: ${reply.error}`));
        });
        child.send(job);
      }),
    close: () => child.disconnect(),
  };
}
