import type { WebSocket } from 'ws';

/**
 * The open sockets of this gateway instance by user: it bounds how many one user holds
 * (WS_MAX_SOCKETS_PER_USER) and finds them all when the user signs out.
 */
export class SocketRegistry {
  private readonly byUser = new Map<string, Set<WebSocket>>();

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

  /** Closes every socket of the user; returns how many. */
  closeAll(userId: string, code: number, reason: string): number {
    const sockets = [...(this.byUser.get(userId) ?? [])];
    for (const socket of sockets) socket.close(code, reason);
    return sockets.length;
  }
}
