import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { eventually } from '@sx/testkit';
import { TokenExpiry } from '../src/live/token-expiry.js';

// The one timer that closes live sockets when their access token expires (live/token-expiry.ts).
// The sockets are only keys here: TokenExpiry hands them back to its callback, nothing else.
const socketNamed = (name: string) => ({ name }) as unknown as WebSocket;

describe('TokenExpiry', () => {
  it('hands back each socket once its exp second has come, and never a forgotten one', async () => {
    const expired: WebSocket[] = [];
    const expiry = new TokenExpiry((socket) => expired.push(socket));
    try {
      const now = Math.floor(Date.now() / 1000);
      const [soon, later, forgotten, late] = ['soon', 'later', 'forgotten', 'late'].map(socketNamed) as [WebSocket, WebSocket, WebSocket, WebSocket];
      expiry.watch(soon, now + 1);
      expiry.watch(forgotten, now + 1);
      expiry.watch(later, now + 3);
      // Expired while its token was being checked: closed at the next tick.
      expiry.watch(late, now - 5);
      expiry.forget(forgotten, now + 1);
      await eventually(async () => expired.length, (n) => n >= 2, { what: 'the first two expiries', timeoutMs: 10_000 });
      expect(new Set(expired)).toEqual(new Set([late, soon]));
      expect(Date.now() / 1000).toBeGreaterThanOrEqual(now + 1);
      await eventually(async () => expired.length, (n) => n >= 3, { what: 'the later expiry', timeoutMs: 10_000 });
      expect(expired[2]).toBe(later);
      expect(Date.now() / 1000).toBeGreaterThanOrEqual(now + 3);
      expect(expired).not.toContain(forgotten);
    } finally {
      expiry.stop();
    }
  });
});
