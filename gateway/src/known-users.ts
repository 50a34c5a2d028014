import { isUuid } from '@sx/core';

export interface KnownUsersOptions {
  /** How long "this user exists and may act" is believed before users is asked again. */
  ttlMs: number;
  /** How long "no such user" is believed (short: a refused token stays refused cheaply). */
  unknownTtlMs: number;
  maxEntries: number;
  /** Told of every users question (how many users it asked about), every user learnt from an event, and the users read at start-up. */
  observe?: { asked: (users: number) => void; learnt: () => void; preloaded: (users: number) => void };
}

/**
 * Asks users which of these accounts exist and may act: the ids of those that do; throws when
 * users cannot say.
 */
export type UserLookup = (userIds: readonly string[]) => Promise<ReadonlySet<string>>;

/** Users asked about in one question at most; more waiting go in the next. */
const MAX_BATCH = 100;
/**
 * Questions not full yet that may be in flight at once. Users first seen while one is out wait
 * for its answer and go together in the next: under a burst of new users (a restart, the bench's
 * placeBid) the questions stay few however the requests are spread over turns.
 */
const MAX_IN_FLIGHT = 1;

interface Waiting {
  resolve: (active: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Whether the user a valid token names may act (issue 14, F4): the token proves who signed it,
 * not that the account still exists. One users call per user per `ttlMs`, kept in a bounded
 * in-process map (insertion order is age, so the oldest go first), never a call per request.
 * The users not yet known when requests arrive in the same turn of the event loop are asked
 * about together, in one users request: under load from many users (issue 12: one new bidder
 * per placeBid) that is one lookup for a burst instead of one per request.
 * Sign-ups are learnt from users' events (`learn`), so a new account is never asked about, and
 * the accounts that existed before the process started are read from users at start-up
 * (`preload`), so they are not asked about either.
 * A yes does not go stale: accounts are never deleted, and a suspension ends every session of
 * the account, which ended-sessions.ts refuses on the next request; the TTL (1 h by default)
 * only bounds it. Account deletion, when there is one, must end sessions too or call `forget`.
 */
export class KnownUsers {
  private readonly answers = new Map<string, { active: boolean; until: number }>();
  /** Users asked about or about to be, with everyone waiting for each answer. */
  private readonly pending = new Map<string, Waiting[]>();
  /** The users of the next question, and when it was decided to ask. */
  private batch: string[] = [];
  private batchAskedAt = 0;
  private flushScheduled = false;
  private inFlight = 0;

  constructor(
    private readonly lookup: UserLookup,
    private readonly opts: KnownUsersOptions,
  ) {}

  async isActive(userId: string, now = Date.now()): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const known = this.answers.get(userId);
    if (known && known.until > now) return known.active;
    return new Promise<boolean>((resolve, reject) => {
      // Concurrent first requests of one user share a single question.
      const waiting = this.pending.get(userId);
      if (waiting) return void waiting.push({ resolve, reject });
      this.pending.set(userId, [{ resolve, reject }]);
      if (this.batch.length === 0) this.batchAskedAt = now;
      this.batch.push(userId);
      if (this.batch.length >= MAX_BATCH) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the I/O of this turn: the other requests that arrived with this one join.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Whether a yes is remembered for this user now (nothing is asked). */
  knows(userId: string, now = Date.now()): boolean {
    const known = this.answers.get(userId);
    return known !== undefined && known.active && known.until > now;
  }

  forget(userId: string): void {
    this.answers.delete(userId);
  }

  /**
   * Users vouched for this user without being asked (its `users.user.signed_up` event): the
   * account exists from now on, so its first request needs no question. Replaces a "no such
   * user" given before the sign-up was committed.
   */
  learn(userId: string, now = Date.now()): void {
    if (!isUuid(userId)) return;
    this.remember(userId, true, now);
    this.opts.observe?.learnt();
  }

  /**
   * Accounts users listed as existing (the start-up read, known-users-preload.ts): remembered
   * like a yes (accounts are never deleted, so a listed account exists now). Returns how many
   * more users are known now; stops adding once `maxEntries` are held, so a start-up read never
   * evicts what requests taught.
   */
  preload(userIds: readonly string[], now = Date.now()): number {
    let added = 0;
    for (const userId of userIds) {
      if (!isUuid(userId)) continue;
      const held = this.answers.get(userId);
      if (held?.active) continue;
      // A held "no" was asked before the account was committed: users now lists it.
      if (!held && this.answers.size >= this.opts.maxEntries) break;
      this.answers.set(userId, { active: true, until: now + this.opts.ttlMs });
      added += 1;
    }
    this.opts.observe?.preloaded(added);
    return added;
  }

  /** Whether no more users can be remembered without forgetting one. */
  get full(): boolean {
    return this.answers.size >= this.opts.maxEntries;
  }

  private flush(): void {
    this.flushScheduled = false;
    const userIds = this.batch;
    if (userIds.length === 0) return;
    // A full question goes at once; a partial one waits while another is out (ask's finally).
    if (userIds.length < MAX_BATCH && this.inFlight >= MAX_IN_FLIGHT) return;
    this.batch = [];
    void this.ask(userIds, this.batchAskedAt);
  }

  private async ask(userIds: readonly string[], now: number): Promise<void> {
    let active: ReadonlySet<string>;
    this.opts.observe?.asked(userIds.length);
    this.inFlight += 1;
    try {
      active = await this.lookup(userIds);
    } catch (err) {
      for (const userId of userIds) this.settle(userId, (w) => w.reject(err));
      return;
    } finally {
      this.inFlight -= 1;
      // The users who arrived meanwhile: their question now.
      this.flush();
    }
    for (const userId of userIds) {
      const isActive = active.has(userId);
      this.remember(userId, isActive, now);
      this.settle(userId, (w) => w.resolve(isActive));
    }
  }

  private settle(userId: string, each: (waiting: Waiting) => void): void {
    const waiting = this.pending.get(userId) ?? [];
    this.pending.delete(userId);
    for (const w of waiting) each(w);
  }

  private remember(userId: string, active: boolean, now: number): void {
    this.answers.delete(userId);
    if (this.answers.size >= this.opts.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    this.answers.set(userId, { active, until: now + (active ? this.opts.ttlMs : this.opts.unknownTtlMs) });
  }
}
