import { ACCESS_TOKEN_TTL_SECONDS, type Logger, type Redis } from '@sx/runtime';

/**
 * Sessions signed out while their access tokens are still valid (at most
 * ACCESS_TOKEN_TTL_SECONDS). Every gateway instance hears users.session.ended and writes the
 * session here, in the Redis they share, for that long; a token naming an ended session
 * (its `sid`) is refused from then on, on every instance, even one started after the sign-out.
 */
export class EndedSessions {
  constructor(
    private readonly redis: Redis,
    /** Per deployment (its events namespace), not per instance: instances share what ended. */
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /** Where a session's end is recorded (the edge's budget script reads it in the same round trip). */
  key(sessionId: string): string {
    return `${this.prefix}ended-session:${sessionId}`;
  }

  /** Called for each users.session.ended; idempotent, as every instance calls it. */
  end(sessionId: string): void {
    this.redis.set(this.key(sessionId), '1', 'EX', ACCESS_TOKEN_TTL_SECONDS).catch((err: unknown) => {
      this.log.error({ err, sessionId }, 'could not record an ended session');
    });
  }

  async hasEnded(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(sessionId))) === 1;
  }
}
