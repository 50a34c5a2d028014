/**
 * The live bench's subscribers spread over forked receiver processes (receiver-process.ts):
 * 2,000 sockets and 100,000 deliveries in the bench's own event loop made its timestamps late
 * (that loop also writes the events), so what was measured was partly the client.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromReceiver, ToReceiver } from './receiver-messages.js';

export interface ForkedSubscribers {
  received: () => number;
  /** Gathers every receiver's arrivals (after the deliveries are in). */
  collect: () => Promise<{ arrivals: (eventId: string) => number[]; problems: string[]; loopDelayP99Ms: number; loopDelayMaxMs: number }>;
  close: () => Promise<void>;
}

interface Receiver {
  child: ChildProcess;
  received: number;
}

function startReceiver(): Receiver {
  const child = fork(fileURLToPath(new URL('./receiver-process.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const receiver: Receiver = { child, received: 0 };
  child.on('message', (m: FromReceiver) => {
    if (m.type === 'received') receiver.received = m.count;
  });
  return receiver;
}

/** Sends `request` and waits for the reply of type `type` (or a failure, or the process's exit). */
function ask<T extends FromReceiver['type']>(r: Receiver, request: ToReceiver, type: T): Promise<Extract<FromReceiver, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a live bench receiver exited (${code})`));
    const onMessage = (m: FromReceiver) => {
      if (m.type !== type && m.type !== 'failed') return;
      r.child.off('message', onMessage);
      r.child.off('exit', onExit);
      if (m.type === 'failed') reject(new Error(`live bench receiver: ${m.error}`));
      else resolve(m as Extract<FromReceiver, { type: T }>);
    };
    r.child.on('message', onMessage);
    r.child.once('exit', onExit);
    r.child.send(request);
  });
}

/** Users 1..users on their payments and users+1..users+watchers on the task, dealt round-robin over `processes` receivers. */
export async function openForkedSubscribers(opts: { url: string; users: number; watchers: number; taskId: string; tokenOf: (user: number) => string; processes: number }): Promise<ForkedSubscribers> {
  const receivers = Array.from({ length: opts.processes }, startReceiver);
  const share = (from: number, count: number, k: number) => Array.from({ length: count }, (_, i) => from + i).filter((_, i) => i % opts.processes === k).map(opts.tokenOf);
  try {
    await Promise.all(
      receivers.map((r, k) => ask(r, { type: 'open', url: opts.url, taskId: opts.taskId, payerTokens: share(1, opts.users, k), watcherTokens: share(opts.users + 1, opts.watchers, k) }, 'opened')),
    );
  } catch (err) {
    for (const r of receivers) r.child.kill();
    throw err;
  }
  return {
    received: () => receivers.reduce((sum, r) => sum + r.received, 0),
    collect: async () => {
      const replies = await Promise.all(receivers.map((r) => ask(r, { type: 'collect' }, 'arrivals')));
      const arrivals = new Map<string, number[]>();
      for (const reply of replies) for (const [id, times] of reply.entries) arrivals.set(id, [...(arrivals.get(id) ?? []), ...times]);
      return {
        arrivals: (eventId) => arrivals.get(eventId) ?? [],
        problems: replies.flatMap((r) => r.problems),
        loopDelayP99Ms: Math.max(...replies.map((r) => r.loopDelayP99Ms)),
        loopDelayMaxMs: Math.max(...replies.map((r) => r.loopDelayMaxMs)),
      };
    },
    close: async () => {
      await Promise.all(receivers.map((r) => ask(r, { type: 'close' }, 'closed')));
      for (const r of receivers) r.child.disconnect();
    },
  };
}
