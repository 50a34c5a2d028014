import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Conflict, RateLimited } from '@sx/core';
import { createErrorFormatter } from './error-format.js';

const lines: string[] = [];
const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
const format = createErrorFormatter(log);

describe('error formatting', () => {
  it('keeps a domain error\'s code and message', () => {
    const original = new Conflict('BID_NOT_PENDING', 'This bid is no longer pending.');
    const error = new GraphQLError(original.message, { originalError: original });
    expect(format({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } }, error)).toEqual({
      message: 'This bid is no longer pending.',
      extensions: { code: 'CONFLICT', reason: 'BID_NOT_PENDING' },
    });
  });

  it('carries extra fields such as retryAfterSeconds', () => {
    const original = new RateLimited('TOO_MANY_SIGN_IN_ATTEMPTS', 'Too many attempts.', 60);
    const out = format({ message: original.message }, new GraphQLError(original.message, { originalError: original }));
    expect(out.extensions).toEqual({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SIGN_IN_ATTEMPTS', retryAfterSeconds: 60 });
  });

  it('masks an unexpected error behind a trace id and logs the detail', () => {
    const boom = new Error('relation "users.users" does not exist');
    const out = format({ message: boom.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new GraphQLError(boom.message, { originalError: boom }));
    expect(out.message).not.toContain('relation');
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const traceId = out.extensions?.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.includes(traceId) && l.includes('does not exist'))).toBe(true);
  });
});
