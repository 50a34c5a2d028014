import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { taskCancelled, type EventEnvelope } from '@sx/events';
import type { Db } from '@sx/runtime';
import { subgraphGql, type EventPublisher } from '@sx/testkit';
import { feeOf } from '../../e2e/money-model.js';
import { acceptRequest, declinesOfBid, handledByWallet, paymentOfTask, sagaEvents, type AcceptRequest } from '../../subgraphs/wallet/test/saga-events.js';
import { knownUser } from '../../subgraphs/wallet/test/seed.js';
import { accountOf, asUser, depositRaw, readWallet, sendRaw, withdrawRaw } from '../../subgraphs/wallet/test/wallet-api.js';
import { USERS, type LedgerCommand } from './ledger-commands.js';
import { LedgerModel, type Currency, type ModelHold } from './ledger-model.js';

/** User.wallets as the wallet subgraph answers it (signed as the gateway would). */
async function listWallets(userId: string): Promise<{ held: { amount: number; currency: string } }[]> {
  const res = await subgraphGql<{ _entities: { wallets: { held: { amount: number; currency: string } }[] | null }[] }>(
    'wallet',
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { wallets { held { amount currency } } } } }`,
    { reps: [{ __typename: 'User', id: userId }] },
    asUser(userId),
  );
  return res.data?._entities[0]?.wallets ?? [];
}

type MoneyKind = 'deposit' | 'withdraw' | 'send';
interface MoneyRequest {
  kind: MoneyKind;
  user: number;
  to?: number;
  currency: Currency;
  amountMinor: number;
  key: string;
  outcome: 'ok' | 'refused';
  transactionId?: string;
}
type Answer = { ok: true; transactionId: string; replayed: boolean } | { ok: false; code: string; reason: string };

const FIELD: Record<MoneyKind, 'deposit' | 'withdraw' | 'sendMoney'> = { deposit: 'deposit', withdraw: 'withdraw', send: 'sendMoney' };

/** One program run against the real wallet (over its signed API and the run's event streams). */
export class LedgerRun {
  readonly model = new LedgerModel();
  private readonly money: MoneyRequest[] = [];
  private readonly holds: { model: ModelHold; request: AcceptRequest }[] = [];
  private readonly published: EventEnvelope[] = [];
  private readonly events: ReturnType<typeof sagaEvents>;

  private constructor(
    private readonly db: Db,
    private readonly publisher: EventPublisher,
    private readonly users: string[],
  ) {
    this.events = sagaEvents(publisher);
  }

  /** Fresh users wallet knows, so each run's books start empty. */
  static async start(db: Db, publisher: EventPublisher): Promise<LedgerRun> {
    const users = await Promise.all(Array.from({ length: USERS }, () => knownUser(db)));
    return new LedgerRun(db, publisher, users);
  }

  private userId(i: number): string {
    const id = this.users[i];
    if (!id) throw new Error(`no user ${i}`);
    return id;
  }

  private async send(req: Omit<MoneyRequest, 'outcome' | 'transactionId'>): Promise<Answer> {
    const amount = { amount: req.amountMinor, currency: req.currency };
    const input = { amount, idempotencyKey: req.key, ...(req.kind === 'send' ? { toUserId: this.userId(req.to ?? -1), note: null } : {}) };
    const call = { deposit: depositRaw, withdraw: withdrawRaw, send: sendRaw }[req.kind];
    const res = await call(this.userId(req.user), input);
    const payload = (res.data as Record<string, { transaction: { id: string }; replayed: boolean } | null> | null | undefined)?.[FIELD[req.kind]];
    if (payload) return { ok: true, transactionId: payload.transaction.id, replayed: payload.replayed };
    const error = res.errors?.[0];
    return { ok: false, code: error?.extensions?.code ?? 'NONE', reason: String(error?.extensions?.reason ?? error?.message) };
  }

  /** What the model says a money request does; false = refused for insufficient funds. */
  private modelApplies(req: Omit<MoneyRequest, 'outcome' | 'key'>): boolean {
    if (req.kind === 'deposit') return (this.model.deposit(req.user, req.currency, req.amountMinor), true);
    if (req.kind === 'withdraw') return this.model.withdraw(req.user, req.currency, req.amountMinor);
    return this.model.send(req.user, req.to ?? -1, req.currency, req.amountMinor);
  }

  /** A request the wallet runs as new: its answer must be the model's (ok, or INSUFFICIENT_FUNDS). */
  private async fresh(req: Omit<MoneyRequest, 'outcome' | 'transactionId'>): Promise<MoneyRequest> {
    const answer = await this.send(req);
    const wanted = this.modelApplies(req);
    expect(answer.ok ? 'ok' : answer.reason, `${req.kind} ${req.amountMinor} ${req.currency} by user ${req.user}`).toBe(wanted ? 'ok' : 'INSUFFICIENT_FUNDS');
    if (answer.ok) expect(answer.replayed).toBe(false);
    return { ...req, outcome: answer.ok ? 'ok' : 'refused', ...(answer.ok ? { transactionId: answer.transactionId } : {}) };
  }

  private earlier(of: number): MoneyRequest | undefined {
    return this.money.length === 0 ? undefined : this.money[of % this.money.length];
  }

  /** The same key and input again: a finished request is replayed; a refused one ran no money and runs again. */
  private async retry(of: number): Promise<void> {
    const req = this.earlier(of);
    if (!req) return;
    if (req.outcome === 'refused') return void Object.assign(req, await this.fresh(req));
    const answer = await this.send(req);
    expect(answer).toEqual({ ok: true, transactionId: req.transactionId, replayed: true });
  }

  /** The key of an earlier request with another amount: refused while the key holds a result. */
  private async reuseKey(of: number, extraMinor: number): Promise<void> {
    const req = this.earlier(of);
    if (!req) return;
    const changed = { ...req, amountMinor: req.amountMinor + extraMinor };
    if (req.outcome === 'refused') return void Object.assign(req, await this.fresh(changed));
    const answer = await this.send(changed);
    expect(answer).toEqual({ ok: false, code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  }

  /** Two requests with one key at once: one transaction at most, both answers agree once settled. */
  private async doubleSubmit(c: Extract<LedgerCommand, { t: 'doubleSubmit' }>): Promise<void> {
    const req = { kind: 'withdraw' as const, user: c.user, currency: c.currency, amountMinor: c.amountMinor, key: randomUUID() };
    const untilSettled = async (): Promise<Answer> => {
      for (;;) {
        const answer = await this.send(req);
        if (answer.ok || answer.reason !== 'IDEMPOTENCY_KEY_BUSY') return answer;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const answers = await Promise.all([untilSettled(), untilSettled()]);
    const wanted = this.modelApplies(req);
    for (const answer of answers) expect(answer.ok ? 'ok' : answer.reason).toBe(wanted ? 'ok' : 'INSUFFICIENT_FUNDS');
    const ids = new Set(answers.flatMap((a) => (a.ok ? [a.transactionId] : [])));
    expect(ids.size).toBe(wanted ? 1 : 0);
    this.money.push({ ...req, outcome: wanted ? 'ok' : 'refused', ...(wanted ? { transactionId: [...ids][0] ?? '' } : {}) });
  }

  /**
   * Concurrent withdrawals: any serial order may win, so the check is the one every order obeys —
   * the accepted ones fit in the balance, and each refused one would not fit after them.
   */
  private async burst(c: Extract<LedgerCommand, { t: 'burst' }>): Promise<void> {
    const before = this.model.availableOf(c.user, c.currency);
    const reqs = c.amountsMinor.map((amountMinor) => ({ kind: 'withdraw' as const, user: c.user, currency: c.currency, amountMinor, key: randomUUID() }));
    const answers = await Promise.all(reqs.map((r) => this.send(r)));
    const acceptedMinor = reqs.reduce((sum, r, i) => sum + (answers[i]?.ok ? r.amountMinor : 0), 0);
    expect(acceptedMinor).toBeLessThanOrEqual(before);
    reqs.forEach((req, i) => {
      const answer = answers[i];
      if (!answer) throw new Error('missing answer');
      if (!answer.ok) {
        expect(answer.reason).toBe('INSUFFICIENT_FUNDS');
        expect(req.amountMinor).toBeGreaterThan(before - acceptedMinor);
      } else expect(this.model.withdraw(req.user, req.currency, req.amountMinor)).toBe(true);
      this.money.push({ ...req, outcome: answer.ok ? 'ok' : 'refused', ...(answer.ok ? { transactionId: answer.transactionId } : {}) });
    });
  }

  async apply(c: LedgerCommand): Promise<void> {
    if (c.t === 'deposit' || c.t === 'withdraw') this.money.push(await this.fresh({ kind: c.t, user: c.user, currency: c.currency, amountMinor: c.amountMinor, key: randomUUID() }));
    if (c.t === 'send') this.money.push(await this.fresh({ kind: 'send', user: c.from, to: c.to, currency: c.currency, amountMinor: c.amountMinor, key: randomUUID() }));
    if (c.t === 'retry') await this.retry(c.of);
    if (c.t === 'reuseKey') await this.reuseKey(c.of, c.extraMinor);
    if (c.t === 'doubleSubmit') await this.doubleSubmit(c);
    if (c.t === 'burst') await this.burst(c);
    if (c.t === 'accept') await this.accept(c);
    if (c.t === 'resolve') await this.resolve(c);
    if (c.t === 'redeliver') await this.redeliver(c.of);
  }

  private async accept(c: Extract<LedgerCommand, { t: 'accept' }>): Promise<void> {
    const request = acceptRequest(this.userId(c.poster), this.userId(c.tasker), { amount: c.amountMinor, currency: c.currency });
    const envelope = await this.events.requestAccept(request);
    this.published.push(envelope);
    await handledByWallet(this.db, 'wallet_from_bids', [envelope.id]);
    const walletElsewhere = this.model.wallets().some((w) => w.user === c.poster && w.currency !== c.currency);
    const hold = this.model.requestHold({ poster: c.poster, tasker: c.tasker, currency: c.currency, amountMinor: c.amountMinor });
    this.holds.push({ model: hold, request });
    const payment = await paymentOfTask(this.db, request.taskId);
    expect(payment?.status ?? 'DECLINED').toBe(hold.status);
    if (hold.status === 'DECLINED') {
      // No conversion: a poster whose money is all in other currencies gets CURRENCY_MISMATCH.
      const reasons = (await declinesOfBid(this.db, request.bidId)).map((d) => d.reason);
      const mismatchPossible = walletElsewhere && this.model.availableOf(c.poster, c.currency) === 0;
      expect(reasons, `decline of ${c.amountMinor} ${c.currency}`).toEqual([reasons[0] === 'CURRENCY_MISMATCH' && mismatchPossible ? 'CURRENCY_MISMATCH' : 'INSUFFICIENT_FUNDS']);
    }
  }

  /** A completion, a cancellation, or both published at once; only a HELD payment moves, once. */
  private async resolve(c: Extract<LedgerCommand, { t: 'resolve' }>): Promise<void> {
    // Only a task whose hold was made can be assigned, so completed or cancelled while assigned:
    // wallet rightly dead-letters such an event for a task without a payment.
    const made = this.holds.filter((h) => h.model.status !== 'DECLINED');
    const hold = made.length === 0 ? undefined : made[c.of % made.length];
    if (!hold) return;
    const ref = { taskId: hold.request.taskId, payerId: hold.request.posterId, payeeId: hold.request.taskerId };
    const complete = () => this.events.completeTask(ref);
    const cancel = () => this.events.cancelTask(ref, 'ASSIGNED');
    const sent = await Promise.all(c.how === 'race' ? [complete(), cancel()] : [c.how === 'complete' ? complete() : cancel()]);
    this.published.push(...sent);
    await handledByWallet(this.db, 'wallet_from_tasks', sent.map((e) => e.id));
    const status = (await paymentOfTask(this.db, hold.request.taskId))?.status ?? 'DECLINED';
    const wasHeld = hold.model.status === 'HELD';
    if (wasHeld && c.how === 'race') expect(['RELEASED', 'REFUNDED']).toContain(status);
    const end = c.how === 'race' ? status : c.how === 'complete' ? 'RELEASED' : 'REFUNDED';
    if (wasHeld) this.model.resolve(hold.model, end as 'RELEASED' | 'REFUNDED');
    expect(status).toBe(hold.model.status);
  }

  /** The same envelope again without JetStream's dedup id: only the consumer's inbox can tell. */
  private async redeliver(of: number): Promise<void> {
    const envelope = this.published.length === 0 ? undefined : this.published[of % this.published.length];
    if (envelope) await this.publisher.send(envelope, { msgID: null });
  }

  /**
   * After the program: a harmless event on each stream behind every redelivery (a declined hold,
   * a cancellation of an unknown task); once both are handled, the redeliveries were too.
   */
  private async drainRedeliveries(): Promise<void> {
    const nobody = await knownUser(this.db);
    const declined = await this.events.requestAccept(acceptRequest(nobody, this.userId(0), { amount: 1, currency: 'USD' }));
    const ignored = await this.publisher.publish(taskCancelled, { taskId: randomUUID(), posterId: nobody, previousStatus: 'OPEN' });
    await handledByWallet(this.db, 'wallet_from_bids', [declined.id]);
    await handledByWallet(this.db, 'wallet_from_tasks', [ignored.id]);
  }

  /** The real books of this run's users against the model, after every event has been handled. */
  async compareBooks(): Promise<void> {
    await this.drainRedeliveries();
    for (const [user, userId] of this.users.entries()) {
      for (const currency of ['USD', 'EUR', 'GBP'] as const) {
        const account = await accountOf(this.db, userId, currency);
        expect(account?.balanceMinor ?? 0, `user ${user} ${currency}`).toBe(this.model.availableOf(user, currency));
        if (!account) continue;
        // What the wallet API shows as held in escrow: this user's HELD payments in this currency only.
        const heldMinor = this.model.holds.filter((h) => h.poster === user && h.currency === currency && h.status === 'HELD').reduce((sum, h) => sum + h.amountMinor, 0);
        expect((await readWallet(userId, currency)).held, `held of user ${user} ${currency}`).toEqual({ amount: heldMinor, currency });
        const listed = (await listWallets(userId)).find((w) => w.held.currency === currency);
        expect(listed?.held, `held of user ${user} ${currency} in User.wallets`).toEqual({ amount: heldMinor, currency });
      }
    }
    for (const hold of this.holds) {
      const payment = await paymentOfTask(this.db, hold.request.taskId);
      expect(payment?.status ?? 'DECLINED').toBe(hold.model.status);
      if (payment?.status === 'RELEASED') expect(payment.feeMinor).toBe(feeOf(hold.model.amountMinor));
    }
    const rows = await this.db.execute<{ kind: string; n: string }>(sql`
      SELECT t.kind, count(DISTINCT t.id)::text AS n FROM wallet.transfers t JOIN wallet.accounts a ON a.id IN (t.debit_account_id, t.credit_account_id)
      WHERE a.owner_id::text = ANY(string_to_array(${this.users.join(',')}, ',')) AND t.kind IN ('deposit', 'withdrawal', 'send') GROUP BY t.kind`);
    const ledger = Object.fromEntries(rows.rows.map((r) => [r.kind === 'withdrawal' ? 'withdraw' : r.kind, Number(r.n)]));
    const acked = (kind: MoneyKind) => new Set(this.money.filter((m) => m.kind === kind && m.outcome === 'ok').map((m) => m.transactionId)).size;
    expect({ deposit: ledger.deposit ?? 0, withdraw: ledger.withdraw ?? 0, send: ledger.send ?? 0 }).toEqual({ deposit: acked('deposit'), withdraw: acked('withdraw'), send: acked('send') });
  }
}
