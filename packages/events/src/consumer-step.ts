import type { Logger, Queryable } from '@sx/runtime';
import type { EventEnvelope } from './envelope.js';

/**
 * SQLSTATE a one-statement step raises when it had already claimed the event in the inbox and
 * then found the common case does not hold: the raise undoes the claim (and everything else the
 * statement wrote), so the general way can claim the event afresh.
 */
export const STEP_FALLBACK_SQLSTATE = 'SXF01';

/**
 * What a step did: the effect and its inbox row are written ('handled'); the inbox already had
 * the event ('duplicate', nothing written); or nothing was written and the consumer's general
 * way (a transaction with the inbox row and the handler) decides ('fallback').
 */
export type StepOutcome = 'handled' | 'duplicate' | 'fallback';

/** What a step is told besides the event: the consumer it claims the inbox row for, and a logger. */
export interface StepContext {
  consumer: string;
  log: Logger;
}

/**
 * A saga hop's common case as one atomic statement (a plpgsql function called outside a
 * transaction): it inserts the inbox row of `(consumer, event.id)` and does the step, or writes
 * nothing. One round trip where BEGIN, inbox, effect, COMMIT took four.
 */
export type EventStep<T> = (db: Queryable, event: EventEnvelope<T>, ctx: StepContext) => Promise<StepOutcome>;
