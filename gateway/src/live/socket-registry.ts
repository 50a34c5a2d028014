import type { WebSocket } from 'ws';
import { ACCESS_TOKEN_TTL_SECONDS } from '@sx/runtime';

/**
 * The open sockets of this gateway instance by user: it bounds how many one user holds
 * (WS_MAX_SOCKETS_PER_USER) and finds them all when the user signs out. Sign-outs are
 * remembered for as long as an access token lives, so a socket cannot come straight back with
 * a token issued before the sign-out.
 */
export class SocketRegistry {
  private readonly byUser = new Map<string, Set<WebSocket>>();
  private readonly signedOutAtMs = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  /** Registers the socket; false (and nothing registered) when the user already holds the most allowed. */
  admit(userId: string, socket: WebSocket): boolean {
    const sockets = this.byUser.get(userId) ?? new Set<WebSocket>();
    if (sockets.size >= this.maxPerUser) return false;
    sockets.add(socket);
    this.byUser.set(userId, sockets);
    return true;
  }

  release(userId: string, socket: WebSocket): void {
    const sockets = this.byUser.get(userId);
    if (!sockets?.delete(socket)) return;
    if (sockets.size === 0) this.byUser.delete(userId);
  }

  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Closes every socket of the user and refuses their tokens issued until now; returns how many closed. */
  signOut(userId: string, code: number, reason: string, atMs = Date.now()): number {
    this.forgetOldSignOuts(atMs);
    this.signedOutAtMs.set(userId, Math.max(atMs, this.signedOutAtMs.get(userId) ?? 0));
    const sockets = [...(this.byUser.get(userId) ?? [])];
    for (const socket of sockets) socket.close(code, reason);
    return sockets.length;
  }

  /** Whether a token of this user, issued at `issuedAtSeconds`, predates their last sign-out. */
  issuedBeforeSignOut(userId: string, issuedAtSeconds: number | undefined): boolean {
    const at = this.signedOutAtMs.get(userId);
    if (at === undefined) return false;
    // JWT iat has whole seconds: a token from the sign-out's own second counts as before it.
    return issuedAtSeconds === undefined || issuedAtSeconds * 1000 <= at;
  }

  private forgetOldSignOuts(nowMs: number): void {
    for (const [userId, at] of this.signedOutAtMs) {
      if (nowMs - at > ACCESS_TOKEN_TTL_SECONDS * 1000) this.signedOutAtMs.delete(userId);
    }
  }
}
