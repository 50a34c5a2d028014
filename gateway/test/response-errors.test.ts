import { describe, expect, it } from 'vitest';
import { retryAfterSecondsOf, tidyErrors } from '../src/edge/response-errors.js';

const validation = (message: string) => ({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

describe('the errors of a response', () => {
  it('says why validation was aborted instead of "Validation aborted."', () => {
    const [error] = tidyErrors([validation('Validation aborted.')], 10);
    expect(error?.message).toMatch(/too complex to check.*smaller query/);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('does not call a query limit a syntax error, unlike a real parse error', () => {
    const limit = validation('Syntax Error: Query depth limit of 12 exceeded, found 27.');
    const parseError = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(tidyErrors([limit, parseError], 10).map((e) => e.message)).toEqual(['Query depth limit of 12 exceeded, found 27.', parseError.message]);
  });

  it('keeps each distinct error once and counts the repeats it left out', () => {
    const errors = [validation('a'), validation('b'), validation('a'), validation('a')];
    expect(tidyErrors(errors, 10)).toEqual([
      validation('a'),
      validation('b'),
      { message: expect.stringContaining('2 more errors'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', omittedErrors: 2 } },
    ]);
  });

  it('keeps at most `max` and leaves an answer with few errors as it is', () => {
    const errors = Array.from({ length: 5 }, (_, i) => validation(`e${i}`));
    expect(tidyErrors(errors, 3).map((e) => e.extensions?.omittedErrors ?? e.message)).toEqual(['e0', 'e1', 'e2', 2]);
    expect(tidyErrors(errors.slice(0, 2), 3)).toEqual(errors.slice(0, 2));
  });

  it('finds the longest wait of the RATE_LIMITED errors, in whole seconds', () => {
    const limited = (s: unknown) => ({ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: s } });
    expect(retryAfterSecondsOf([limited(3), limited(12.2), validation('y')])).toBe(13);
    expect(retryAfterSecondsOf([validation('y'), limited('soon')])).toBeNull();
  });
});
