import { describe, expect, it } from 'vitest';
import { judgeWindow } from './rate-limit.js';

describe('fixed-window rate limit', () => {
  it('allows exactly the configured number of attempts', () => {
    expect(judgeWindow({ count: 5, ttlMs: 10_000 }, 5)).toEqual({ allowed: true });
  });

  it('refuses the attempt after the limit, saying when to retry (rounded up)', () => {
    expect(judgeWindow({ count: 6, ttlMs: 10_001 }, 5)).toEqual({ allowed: false, retryAfterSeconds: 11 });
  });

  it('never tells a client to retry in zero seconds', () => {
    expect(judgeWindow({ count: 6, ttlMs: 0 }, 5)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
