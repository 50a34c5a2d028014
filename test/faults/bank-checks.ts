import { sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { accountsNotMatchingTransfers, escrowsOutOfStep, unbalancedCurrencies } from '../../subgraphs/wallet/test/books.js';
import { callAs, type GatewayClient, type Session } from './bank-client.js';
import type { MoneyRecord } from './bank-history.js';
import { expectedBooks, walletKey, type ExpectedBooks } from './bank-model.js';
import { plannedEnd, type SagaRecord } from './bank-sagas.js';

/** One invariant checked after healing: its name, whether it held, and what broke it. */
export interface CheckResult {
  name: string;
  passed: boolean;
  detail: string;
}

const rows = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> => (await db.execute(query)).rows as T[];
const result = (name: string, broken: unknown[], what: string): CheckResult => ({
  name,
  passed: broken.length === 0,
  detail: broken.length === 0 ? what : JSON.stringify(broken.slice(0, 5)),
});

async function ledgerChecks(db: Db): Promise<CheckResult[]> {
  const negative = await rows(db, sql`SELECT id, kind, currency, balance_minor FROM wallet.accounts WHERE kind <> 'external' AND balance_minor < 0`);
  const held = await rows(db, sql`SELECT id FROM wallet.payments WHERE status = 'HELD'`);
  // Exactly one hold, and exactly one of (release, refund) per payment; a fee only with a release.
  const resolvedWrong = await rows(db, sql`
    SELECT p.id, p.status,
      count(*) FILTER (WHERE t.kind = 'escrow_hold') AS holds,
      count(*) FILTER (WHERE t.kind = 'escrow_release') AS releases,
      count(*) FILTER (WHERE t.kind = 'escrow_refund') AS refunds,
      count(*) FILTER (WHERE t.kind = 'fee') AS fees
    FROM wallet.payments p LEFT JOIN wallet.transfers t ON t.payment_id = p.id GROUP BY p.id, p.status
    HAVING count(*) FILTER (WHERE t.kind = 'escrow_hold') <> 1
      OR (p.status = 'RELEASED' AND (count(*) FILTER (WHERE t.kind = 'escrow_release') <> 1 OR count(*) FILTER (WHERE t.kind IN ('escrow_refund')) > 0 OR count(*) FILTER (WHERE t.kind = 'fee') > 1))
      OR (p.status = 'REFUNDED' AND (count(*) FILTER (WHERE t.kind = 'escrow_refund') <> 1 OR count(*) FILTER (WHERE t.kind IN ('escrow_release', 'fee')) > 0))
      OR (p.status = 'SPLIT' AND (count(*) FILTER (WHERE t.kind = 'dispute_refund') <> 1 OR count(*) FILTER (WHERE t.kind = 'dispute_release') <> 1
          OR count(*) FILTER (WHERE t.kind IN ('escrow_release', 'escrow_refund')) > 0 OR count(*) FILTER (WHERE t.kind = 'fee') > 1))
      OR (p.status NOT IN ('HELD', 'RELEASED', 'REFUNDED', 'SPLIT'))`);
  const accepting = await rows(db, sql`SELECT id FROM bids.bids WHERE status = 'ACCEPTING'`);
  const unsettledTasks = await rows(db, sql`SELECT id, status FROM tasks.tasks WHERE status IN ('DONE', 'DISPUTED')`);
  const dead = await rows(db, sql`
    SELECT 'wallet' AS service, count(*) AS n FROM wallet.dead_letters UNION ALL SELECT 'bids', count(*) FROM bids.dead_letters
    UNION ALL SELECT 'tasks', count(*) FROM tasks.dead_letters`);
  return [
    result('Σ per currency = 0', await unbalancedCurrencies(db), 'every currency sums to zero'),
    result('no account below zero', negative, 'no user, escrow or platform account < 0'),
    result('balances = Σ transfers', await accountsNotMatchingTransfers(db), 'every balance is its transfers in minus out'),
    result('escrow resolved exactly once', [...held, ...resolvedWrong], 'no payment HELD; one hold and exactly one release, refund or dispute split each'),
    result('escrow accounts in step', await escrowsOutOfStep(db), 'resolved escrows are empty'),
    result('no saga stuck', [...accepting, ...unsettledTasks], 'no bid ACCEPTING, no task left DONE or DISPUTED'),
    result('no dead letters', (dead as { n: string }[]).filter((d) => d.n !== '0'), 'no consumer gave up on an event'),
  ];
}

/** Every acknowledged request is in the ledger exactly once, and nothing else is. */
async function historyChecks(db: Db, money: readonly MoneyRecord[]): Promise<CheckResult[]> {
  const acked = money.filter((m) => m.status === 'acked');
  const ids = acked.map((m) => m.transactionId ?? '');
  const found = await rows<{ id: string; n: string }>(db, sql`SELECT id::text, count(*)::text AS n FROM wallet.transfers WHERE id::text = ANY(string_to_array(${ids.join(",")}, ',')) GROUP BY id`);
  const counts = new Map(found.map((r) => [r.id, Number(r.n)]));
  const missing = acked.filter((m) => counts.get(m.transactionId ?? '') !== 1).map((m) => ({ kind: m.kind, key: m.idempotencyKey }));
  const byKind = await rows<{ kind: string; n: string }>(db, sql`SELECT kind, count(*)::text AS n FROM wallet.transfers WHERE kind IN ('deposit', 'withdrawal', 'send', 'withdrawal_reversal') GROUP BY kind`);
  const ledgerCount = (kind: string) => Number(byKind.find((r) => r.kind === kind)?.n ?? 0);
  const clientCount = (kind: string) => acked.filter((m) => m.kind === kind).length;
  const extra = [
    ['deposit', 'deposit'],
    ['withdrawal', 'withdraw'],
    ['send', 'send'],
  ]
    .filter(([ledgerKind, kind]) => ledgerCount(ledgerKind ?? '') !== clientCount(kind ?? ''))
    .map(([ledgerKind, kind]) => ({ kind, ledger: ledgerCount(ledgerKind ?? ''), acknowledged: clientCount(kind ?? '') }));
  const unknown = money.filter((m) => m.status === 'in-doubt').map((m) => m.idempotencyKey);
  const reused = money.filter((m) => m.code === 'IDEMPOTENCY_KEY_REUSED').map((m) => m.idempotencyKey);
  return [
    result('history settled', unknown, 'every request in doubt got a final answer by replaying its key'),
    result('acknowledged ⇒ in ledger exactly once', missing, `${acked.length} acknowledged transactions found once each`),
    result('ledger ⊆ acknowledged', [...extra, ...(ledgerCount('withdrawal_reversal') > 0 ? ['withdrawal_reversal'] : [])], 'no money moved for a refused or unacknowledged request'),
    result('a replay is never refused as key reuse', reused, 'same key + same input always replayed'),
  ];
}

type WalletView = { me: { wallets: { balance: { amount: number; currency: string }; available: { amount: number }; held: { amount: number } }[] | null } | null };

/** The model against the wallets each user reads through the gateway and the platform accounts. */
async function modelChecks(db: Db, client: GatewayClient, sessions: readonly Session[], books: ExpectedBooks): Promise<CheckResult[]> {
  const wrong: unknown[] = [];
  for (const [user, session] of sessions.entries()) {
    const outcome = await callAs<WalletView>(client, session, `{ me { wallets { balance { amount currency } available { amount } held { amount } } } }`, {});
    if (outcome.kind !== 'ok') throw new Error(`reading wallets of user ${user}: ${JSON.stringify(outcome)}`);
    const seen = new Map((outcome.data.me?.wallets ?? []).map((w) => [w.balance.currency, w]));
    for (const currency of new Set([...seen.keys(), ...[...books.wallets.keys()].filter((k) => k.startsWith(`${user}:`)).map((k) => k.split(':')[1] ?? '')])) {
      const want = books.wallets.get(walletKey(user, currency)) ?? { available: 0, held: 0 };
      const got = seen.get(currency);
      if ((got?.available.amount ?? 0) !== want.available || (got?.held.amount ?? 0) !== want.held) wrong.push({ user, currency, want, got });
    }
  }
  const platform = await rows<{ currency: string; balance: string }>(db, sql`SELECT currency, sum(balance_minor)::text AS balance FROM wallet.accounts WHERE kind = 'platform' GROUP BY currency`);
  const fees = [...new Set([...books.platform.keys(), ...platform.map((p) => p.currency)])]
    .map((currency) => ({ currency, want: books.platform.get(currency) ?? 0, got: Number(platform.find((p) => p.currency === currency)?.balance ?? 0) }))
    .filter((f) => f.want !== f.got);
  return [result('model = wallets read through the gateway', wrong, `${books.wallets.size} wallets match`), result('model = platform fees', fees, 'fees per currency match')];
}

type PaymentView = { task: { payment: { status: string } | null } | null };

/** Each saga's payment end as its poster reads it, and whether the plan was kept. */
async function sagaEnds(client: GatewayClient, sessions: readonly Session[], sagas: readonly SagaRecord[]) {
  const ends: { saga: SagaRecord; paymentStatus: string | null }[] = [];
  for (const saga of sagas.filter((s) => s.taskId)) {
    const poster = sessions[saga.poster];
    if (!poster) continue;
    const outcome = await callAs<PaymentView>(client, poster, `query($id: ID!) { task(id: $id) { payment { status } } }`, { id: saga.taskId });
    if (outcome.kind !== 'ok') throw new Error(`reading the payment of task ${saga.taskId}: ${JSON.stringify(outcome)}`);
    ends.push({ saga, paymentStatus: outcome.data.task?.payment?.status ?? null });
  }
  const offPlan = ends.filter((e) => e.saga.stage === 'finished' && e.paymentStatus !== plannedEnd(e.saga));
  const unfinished = sagas.filter((s) => !['finished', 'declined', 'abandoned'].includes(s.stage)).map((s) => ({ stage: s.stage, task: s.taskId }));
  return { ends, checks: [result('every saga ended as planned', [...offPlan.map((e) => ({ plan: e.saga.plan, got: e.paymentStatus })), ...unfinished], 'complete/auto-release → RELEASED, cancel/withdraw → REFUNDED, dispute-split → SPLIT')] };
}

export async function checkAfterHealing(
  db: Db,
  client: GatewayClient,
  run: { sessions: readonly Session[]; money: readonly MoneyRecord[]; sagas: readonly SagaRecord[] },
): Promise<CheckResult[]> {
  const { ends, checks: sagaChecks } = await sagaEnds(client, run.sessions, run.sagas);
  const history = await historyChecks(db, run.money);
  const settled = run.money.every((m) => m.status !== 'in-doubt');
  const model = settled ? await modelChecks(db, client, run.sessions, expectedBooks(run.money, ends)) : [];
  return [...(await ledgerChecks(db)), ...history, ...sagaChecks, ...model];
}
