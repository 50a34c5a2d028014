/** What the bench and its receiver processes say to each other (receiver-process.ts). */

/** Bench → receiver: the sockets to open — its share of the payment users and of the watchers. */
export interface OpenRequest {
  type: 'open';
  url: string;
  taskId: string;
  payerTokens: string[];
  watcherTokens: string[];
}

export type ToReceiver = OpenRequest | { type: 'collect' } | { type: 'close' };

export type FromReceiver =
  | { type: 'opened' }
  | { type: 'failed'; error: string }
  /** Sent every PROGRESS_MS while open: deliveries received so far. */
  | { type: 'received'; count: number }
  | {
      type: 'arrivals';
      /** Event id → arrival times, ms since the epoch (performance.timeOrigin + now(), comparable across processes). */
      entries: [string, number[]][];
      problems: string[];
      /** The receiver's own event-loop delay while open (ms). */
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
    }
  | { type: 'closed' };

export const PROGRESS_MS = 100;
