import { sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';

// Checks of the whole ledger (every test file's money included), for the end of a test file.

/** Currencies whose accounts do not sum to zero, with their totals; [] when the books balance. */
export async function unbalancedCurrencies(db: Db): Promise<{ currency: string; total: string }[]> {
  const rows = await db.execute<{ currency: string; total: string }>(
    sql`SELECT currency, sum(balance_minor)::text AS total FROM wallet.accounts GROUP BY currency`,
  );
  if (rows.rows.length === 0) throw new Error('the ledger has no accounts: nothing was checked');
  return rows.rows.filter((r) => r.total !== '0');
}

/** Accounts whose balance is not the sum of their transfers in minus out; [] when all agree. */
export async function accountsNotMatchingTransfers(db: Db): Promise<{ id: string; kind: string; balance: string; from_transfers: string }[]> {
  const rows = await db.execute<{ id: string; kind: string; balance: string; from_transfers: string }>(sql`
    SELECT a.id, a.kind, a.balance_minor::text AS balance,
      (COALESCE((SELECT sum(amount_minor) FROM wallet.transfers t WHERE t.credit_account_id = a.id), 0)
       - COALESCE((SELECT sum(amount_minor) FROM wallet.transfers t WHERE t.debit_account_id = a.id), 0))::text AS from_transfers
    FROM wallet.accounts a`);
  if (rows.rows.length === 0) throw new Error('the ledger has no accounts: nothing was checked');
  return rows.rows.filter((r) => r.balance !== r.from_transfers);
}

/** Escrow accounts of resolved payments that still hold money, and held payments whose escrow holds other than their amount. */
export async function escrowsOutOfStep(db: Db): Promise<{ payment_id: string; status: string; amount: string; escrow: string }[]> {
  const rows = await db.execute<{ payment_id: string; status: string; amount: string; escrow: string }>(sql`
    SELECT p.id AS payment_id, p.status, p.amount_minor::text AS amount, a.balance_minor::text AS escrow
    FROM wallet.payments p JOIN wallet.accounts a ON a.kind = 'escrow' AND a.payment_id = p.id
    WHERE a.balance_minor <> CASE WHEN p.status = 'HELD' THEN p.amount_minor ELSE 0 END`);
  return rows.rows;
}
