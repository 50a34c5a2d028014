import { sql } from 'drizzle-orm';
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
 * The whole send in one autocommit statement (one round trip, one commit); null when the send
 * must go the general way. See drizzle/0009_send_in_one_statement.sql for the steps and order.
 */
export async function sendInOneStatement(db: Db, send: OneStatementSend): Promise<OneStatementSent | null> {
  const result = await db.execute<FunctionRow>(sql`SELECT * FROM wallet.send_between_open_wallets(
    ${send.payerId}::uuid, ${send.recipientId}::uuid, ${send.currency}, ${send.amountMinor}::bigint, ${send.note}, ${send.key},
    ${JSON.stringify(send.params)}::jsonb, ${send.requestHash}, ${send.requestId}::uuid, ${send.transferId}::uuid,
    ${send.ttlHours}::integer, ${JSON.stringify(send.event)}::jsonb, ${send.channel})`);
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
