import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { accounts, idempotencyKeys, payments, transfers } from '../src/db/tables.js';
import { postTransfer } from '../src/commands/ledger/post-transfer.js';
import { insertPayment, insertTransfer, insertUserAccount, newId, platformAccount, rolledBack } from './seed.js';

// The tables are the last line of defence for the money rules: a bug in the code must fail
// loudly here rather than lose or invent a cent. Rows that would unbalance the books are
// written in rolled-back transactions (ledger-races checks the books of the whole database).

const db = useStackDb();

/** The Postgres error a statement failed with (drizzle wraps it in `cause`). */
async function pgError(run: () => Promise<unknown>): Promise<{ code?: string; constraint?: string; message?: string }> {
  const err = await run().then(
    () => null,
    (e: unknown) => e as { cause?: { code?: string; constraint?: string; message?: string } },
  );
  if (!err) throw new Error('expected the statement to be refused');
  return err.cause ?? {};
}

describe('wallet accounts', () => {
  it('refuses a user account with a negative balance', async () => {
    const ownerId = newId();
    const err = await pgError(() => insertUserAccount(db, { ownerId, balanceMinor: -1 }));
    expect(err).toMatchObject({ code: '23514', constraint: 'accounts_only_external_negative' });
    expect(await db.select().from(accounts).where(eq(accounts.ownerId, ownerId))).toEqual([]);
  });

  it('refuses a negative balance on any account but the external one', async () => {
    const err = await pgError(() => db.insert(accounts).values({ kind: 'platform', currency: 'CHF', balanceMinor: -1 }));
    expect(err).toMatchObject({ code: '23514', constraint: 'accounts_only_external_negative' });
    const external = await platformAccount(db, 'external', 'CHF');
    const after = await rolledBack(db, async (tx) => {
      await tx.update(accounts).set({ balanceMinor: -5_000 }).where(eq(accounts.id, external.id));
      const [row] = await tx.select().from(accounts).where(eq(accounts.id, external.id));
      return row;
    });
    expect(after?.balanceMinor).toBe(-5_000);
  });

  it('keeps one platform account per kind and currency, although it has no owner', async () => {
    await platformAccount(db, 'platform', 'GBP');
    const err = await pgError(() => db.insert(accounts).values({ kind: 'platform', currency: 'GBP' }));
    expect(err).toMatchObject({ code: '23505', constraint: 'accounts_natural_key_unique' });
  });

  it('refuses a user account without an owner and a platform account with one', async () => {
    const noOwner = await pgError(() => db.insert(accounts).values({ kind: 'user', currency: 'USD' }));
    expect(noOwner).toMatchObject({ code: '23514', constraint: 'accounts_owner_only_for_users' });
    const owned = await pgError(() => db.insert(accounts).values({ kind: 'platform', ownerId: newId(), currency: 'USD' }));
    expect(owned).toMatchObject({ code: '23514', constraint: 'accounts_owner_only_for_users' });
  });

  it('gives each payment one escrow account of its own, and only escrow accounts a payment', async () => {
    const payment = await insertPayment(db, { payerId: newId(), payeeId: newId() });
    const shared = await pgError(() => db.insert(accounts).values({ kind: 'escrow', currency: 'USD' }));
    expect(shared).toMatchObject({ code: '23514', constraint: 'accounts_payment_only_for_escrow' });
    const platform = await pgError(() => db.insert(accounts).values({ kind: 'platform', paymentId: payment.id, currency: 'EUR' }));
    expect(platform).toMatchObject({ code: '23514', constraint: 'accounts_payment_only_for_escrow' });
    const second = await rolledBack(db, async (tx) => {
      await tx.insert(accounts).values({ kind: 'escrow', paymentId: payment.id, currency: 'USD' });
      return pgError(() => tx.insert(accounts).values({ kind: 'escrow', paymentId: payment.id, currency: 'EUR' }));
    });
    expect(second).toMatchObject({ code: '23505', constraint: 'accounts_one_per_payment' });
    expect(await db.select().from(accounts).where(eq(accounts.paymentId, payment.id))).toEqual([]);
  });
});

describe('wallet transfers', () => {
  it('never lets a recorded transfer change or disappear', async () => {
    const { transfer } = await db.transaction((tx) =>
      postTransfer(tx, {
        kind: 'deposit',
        debit: { kind: 'external', currency: 'USD' },
        credit: { kind: 'user', ownerId: newId(), currency: 'USD' },
        amountMinor: 700,
        currency: 'USD',
        reference: `test:${newId()}`,
      }),
    );
    const update = await pgError(() => db.update(transfers).set({ amountMinor: 1 }).where(eq(transfers.id, transfer.id)));
    expect(update.message).toContain('append-only');
    const remove = await pgError(() => db.delete(transfers).where(eq(transfers.id, transfer.id)));
    expect(remove.message).toContain('append-only');
    expect(await db.select().from(transfers).where(eq(transfers.id, transfer.id))).toEqual([transfer]);
  });

  it('refuses a transfer of nothing, or from an account to itself', async () => {
    const account = await insertUserAccount(db, { ownerId: newId() });
    const other = await insertUserAccount(db, { ownerId: newId() });
    const base = { kind: 'send' as const, currency: 'USD', debitAccountId: account.id, creditAccountId: other.id };
    const zero = await pgError(() => insertTransfer(db, { ...base, amountMinor: 0 }));
    expect(zero).toMatchObject({ code: '23514', constraint: 'transfers_amount_positive' });
    const self = await pgError(() => insertTransfer(db, { ...base, creditAccountId: account.id, amountMinor: 1 }));
    expect(self).toMatchObject({ code: '23514', constraint: 'transfers_between_two_accounts' });
    expect(await db.select().from(transfers).where(eq(transfers.debitAccountId, account.id))).toEqual([]);
  });

  it('moves money for one reference only once, balances included', async () => {
    const ownerId = newId();
    const order = {
      kind: 'deposit' as const,
      debit: { kind: 'external' as const, currency: 'USD' as const },
      credit: { kind: 'user' as const, ownerId, currency: 'USD' as const },
      amountMinor: 250,
      currency: 'USD' as const,
      reference: `test:${newId()}`,
    };
    const { credit } = await db.transaction((tx) => postTransfer(tx, order));
    const again = await pgError(() => db.transaction((tx) => postTransfer(tx, order)));
    expect(again).toMatchObject({ code: '23505', constraint: 'transfers_reference_unique' });
    expect(await db.select().from(transfers).where(eq(transfers.creditAccountId, credit.id))).toHaveLength(1);
    const [account] = await db.select().from(accounts).where(eq(accounts.id, credit.id));
    expect(account?.balanceMinor).toBe(250);
  });

  it('refuses a transfer kind the ledger does not know', async () => {
    const account = await insertUserAccount(db, { ownerId: newId() });
    const other = await insertUserAccount(db, { ownerId: newId() });
    const err = await pgError(() =>
      // The cast is the point: a kind the type system would refuse, as hand-written SQL might send it.
      insertTransfer(db, { kind: 'gift' as 'send', currency: 'USD', debitAccountId: account.id, creditAccountId: other.id, amountMinor: 1 }),
    );
    expect(err).toMatchObject({ code: '23514', constraint: 'transfers_kind_known' });
  });
});

describe('wallet payments', () => {
  it('holds at most one payment per task at a time, and a new one once the last is refunded (a withdrawn task is paid for again)', async () => {
    const first = await insertPayment(db, { payerId: newId(), payeeId: newId() });
    const err = await pgError(() => insertPayment(db, { taskId: first.taskId, payerId: newId(), payeeId: newId() }));
    expect(err).toMatchObject({ code: '23505', constraint: 'payments_task_held_unique' });
    expect(await db.select().from(payments).where(eq(payments.taskId, first.taskId))).toHaveLength(1);
    await db.update(payments).set({ status: 'REFUNDED', resolvedAt: new Date() }).where(eq(payments.id, first.id));
    await insertPayment(db, { taskId: first.taskId, payerId: newId(), payeeId: newId() });
    expect(await db.select().from(payments).where(eq(payments.taskId, first.taskId))).toHaveLength(2);
  });

  it('records a resolution time exactly when the payment is released or refunded', async () => {
    const held = await insertPayment(db, { payerId: newId(), payeeId: newId() });
    const noTime = await pgError(() => db.update(payments).set({ status: 'RELEASED' }).where(eq(payments.id, held.id)));
    expect(noTime).toMatchObject({ code: '23514', constraint: 'payments_resolved_once' });
    const heldWithTime = await pgError(() => db.update(payments).set({ resolvedAt: new Date() }).where(eq(payments.id, held.id)));
    expect(heldWithTime).toMatchObject({ code: '23514', constraint: 'payments_resolved_once' });
    expect(await db.select().from(payments).where(eq(payments.id, held.id))).toEqual([held]);
  });

  it('refuses a fee larger than the payment and a payment to oneself', async () => {
    const fee = await pgError(() => insertPayment(db, { payerId: newId(), payeeId: newId(), amountMinor: 100, feeMinor: 101 }));
    expect(fee).toMatchObject({ code: '23514', constraint: 'payments_fee_within_amount' });
    const self = newId();
    const toSelf = await pgError(() => insertPayment(db, { payerId: self, payeeId: self }));
    expect(toSelf).toMatchObject({ code: '23514', constraint: 'payments_payer_is_not_payee' });
  });
});

describe('idempotency keys', () => {
  const now = Date.now();
  const inHours = (hours: number) => new Date(now + hours * 3_600_000);
  const key = (overrides: Partial<typeof idempotencyKeys.$inferInsert> = {}): typeof idempotencyKeys.$inferInsert => ({
    userId: newId(),
    key: 'k',
    operation: 'deposit',
    requestHash: 'h',
    params: { amountMinor: 1, currency: 'USD', recipientId: null, note: null },
    lockedUntil: inHours(0),
    createdAt: inHours(0),
    expiresAt: inHours(24),
    ...overrides,
  });

  it('refuses a key kept for less than a day', async () => {
    const err = await pgError(() => db.insert(idempotencyKeys).values(key({ expiresAt: inHours(23) })));
    expect(err).toMatchObject({ code: '23514', constraint: 'idempotency_keys_kept_a_day' });
  });

  it('refuses a finished key without its response, and a response on a running one', async () => {
    const done = await pgError(() => db.insert(idempotencyKeys).values(key({ status: 'done' })));
    expect(done).toMatchObject({ code: '23514', constraint: 'idempotency_keys_done_has_response' });
    const running = await pgError(() =>
      db.insert(idempotencyKeys).values(key({ response: { outcome: 'declined', reason: 'X', message: 'm' } })),
    );
    expect(running).toMatchObject({ code: '23514', constraint: 'idempotency_keys_done_has_response' });
  });

  it('holds one key per user', async () => {
    const row = key();
    await db.insert(idempotencyKeys).values(row);
    const err = await pgError(() => db.insert(idempotencyKeys).values(row));
    expect(err).toMatchObject({ code: '23505', constraint: 'idempotency_keys_pk' });
  });
});
