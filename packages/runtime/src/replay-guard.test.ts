import { describe, expect, it } from 'vitest';
import { ReplayGuard } from './replay-guard.js';

describe('the replay guard', () => {
  it('admits a request id once within the window, and again only after it', () => {
    const guard = new ReplayGuard(5_000, 100);
    expect(guard.admit('r-1', 1_000)).toBe(true);
    expect(guard.admit('r-1', 5_000)).toBe(false);
    expect(guard.admit('r-2', 5_000)).toBe(true);
    // Forgotten after twice the window: by then its signature has expired anyway.
    expect(guard.admit('r-1', 11_001)).toBe(true);
  });

  it('stays within its bound, dropping the oldest ids first', () => {
    const guard = new ReplayGuard(5_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) expect(guard.admit(id, 1_000)).toBe(true);
    expect(guard.admit('a', 1_000)).toBe(true);
    expect(guard.admit('d', 1_000)).toBe(false);
  });
});
