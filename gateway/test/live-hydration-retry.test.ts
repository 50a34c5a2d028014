import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isTransient, untilNotTransient } from '../src/live/hydration-retry.js';

const masked: GraphQLFormattedError = { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', traceId: 't' } };
const unavailable: GraphQLFormattedError = { message: 'The wallet service is unavailable right now', extensions: { code: 'UNAVAILABLE', reason: 'SUBGRAPH_UNAVAILABLE', retryable: true } };
const refused: GraphQLFormattedError = { message: 'no', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };

/** Answers in turn, then the last one again; counts the calls. */
function answers(...results: { errors?: GraphQLFormattedError[]; data?: string }[]) {
  let calls = 0;
  return { attempt: async () => results[Math.min(calls++, results.length - 1)]!, calls: () => calls };
}

describe('hydration retries', () => {
  it('treats unavailable and masked errors as transient, refusals and no errors as final', () => {
    expect(isTransient([masked])).toBe(true);
    expect(isTransient([refused, unavailable])).toBe(true);
    expect(isTransient([refused])).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });

  it('asks again after a transient error and returns the first answer without one', async () => {
    const run = answers({ errors: [masked] }, { errors: [unavailable] }, { data: 'event' });
    expect(await untilNotTransient(run.attempt, { retryMs: 1 })).toEqual({ data: 'event' });
    expect(run.calls()).toBe(3);
  });

  it('returns a final refusal at once, and the last transient answer after the bound', async () => {
    const final = answers({ errors: [refused] }, { data: 'never asked' });
    expect(await untilNotTransient(final.attempt, { retryMs: 1 })).toEqual({ errors: [refused] });
    expect(final.calls()).toBe(1);
    const down = answers({ errors: [unavailable] });
    expect(await untilNotTransient(down.attempt, { attempts: 3, retryMs: 1 })).toEqual({ errors: [unavailable] });
    expect(down.calls()).toBe(3);
  });
});
