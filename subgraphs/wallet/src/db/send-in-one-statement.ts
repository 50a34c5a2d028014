import type pg from 'pg';
import type { Currency } from '@sx/core';
import type { EventEnvelope } from '@sx/events';
import type { Db } from '@sx/runtime';
import type { RequestParams } from '../domain/idempotency.js';

/** What wallet.send_between_open_wallets (migration 0009) is given. */
export interface OneStatementSend {
  payerId: string;
  recipientId: string;
  currency: Currency;
  amountMinor: number;
  note: string | null;
  key: string;
  params: RequestParams;
  requestHash: string;
  requestId: string;
  transferId: string;
  ttlHours: number;
  /** The wallet.money.sent event, validated; the function fills in the wallets and balances. */
  event: EventEnvelope;
  channel: string;
}

/** A send the function posted: what the answer is built from. */
export interface OneStatementSent {
  payerAccountId: string;
  payerCreatedAt: Date;
  recipientAccountId: string;
  payerBalanceAfterMinor: number;
  recipientBalanceAfterMinor: number;
  payerEscrowHeldMinor: number;
  transferCreatedAt: Date;
}

/** SQLSTATE the function raises for a payer short of money; everything it did is rolled back. */
export const SEND_SHORT_OF_MONEY = 'SXS01';

interface FunctionRow extends Record<string, unknown> {
  outcome: 'sent' | 'fallback';
  payer_account_id: string;
  payer_created_at: Date;
  recipient_account_id: string;
  payer_balance_after: string;
  recipient_balance_after: string;
  payer_escrow_held: string;
  transfer_created_at: Date;
}

/**
 * A named (prepared) statement: each pooled connection parses and plans it once, then every send
 * is Bind + Execute. It goes to pg as is, not through drizzle's query builder: the one statement
 * of the hottest write has nothing to build, and its text never changes.
 */
const SEND_STATEMENT = {
  name: 'wallet_send_between_open_wallets',
  text: `SELECT * FROM wallet.send_between_open_wallets($1::uuid, $2::uuid, $3, $4::bigint, $5, $6, $7::jsonb, $8, $9::uuid, $10::uuid, $11::integer, $12::jsonb, $13)`,
} as const;

/** The pool under the drizzle database (createDb's `drizzle(pool)` keeps it as `$client`; the Db type drops it). */
function clientOf(db: Db): pg.Pool {
  return (db as Db & { $client: pg.Pool }).$client;
}

/**
 * The whole send in one autocommit statement (one round trip, one commit); null when the send
 * must go the general way. See drizzle/0009_send_in_one_statement.sql for the steps and order.
 */
export async function sendInOneStatement(db: Db, send: OneStatementSend): Promise<OneStatementSent | null> {
  const values = [
    send.payerId,
    send.recipientId,
    send.currency,
    send.amountMinor,
    send.note,
    send.key,
    JSON.stringify(send.params),
    send.requestHash,
    send.requestId,
    send.transferId,
    send.ttlHours,
    JSON.stringify(send.event),
    send.channel,
  ];
  const result = await clientOf(db).query<FunctionRow>({ ...SEND_STATEMENT, values });
  const row = result.rows[0];
  if (!row || row.outcome !== 'sent') return null;
  return {
    payerAccountId: row.payer_account_id,
    payerCreatedAt: row.payer_created_at,
    recipientAccountId: row.recipient_account_id,
    payerBalanceAfterMinor: Number(row.payer_balance_after),
    recipientBalanceAfterMinor: Number(row.recipient_balance_after),
    payerEscrowHeldMinor: Number(row.payer_escrow_held),
    transferCreatedAt: row.transfer_created_at,
  };
}
