import type { HandlerTx } from '@sx/events';

/** A transaction: reviews' writes and its event handlers (whose transaction records the inbox row) run in one. */
export type Tx = HandlerTx;
