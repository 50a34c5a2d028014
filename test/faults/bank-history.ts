import { randomUUID } from 'node:crypto';
import { callAs, type GatewayClient, type Outcome, type Session } from './bank-client.js';

// The client's own record of what it asked for and what it was told: the history the checks
// hold against the ledger after the nemesis stops.

export type MoneyKind = 'deposit' | 'withdraw' | 'send';

export interface MoneyRecord {
  kind: MoneyKind;
  user: number;
  /** The recipient of a send. */
  to?: number;
  currency: string;
  amountMinor: number;
  idempotencyKey: string;
  /** acked: the client holds the transaction; refused: a final refusal; in-doubt: not known yet. */
  status: 'acked' | 'refused' | 'in-doubt';
  /** How many requests were sent with this key (1 = no retry). */
  attempts: number;
  transactionId?: string;
  code?: string;
  /** An answer said `replayed: true`: the stored result of an earlier attempt. */
  replayed?: boolean;
}

const PAYLOAD = `transaction { id } replayed`;
const MUTATIONS: Record<MoneyKind, { field: string; document: string }> = {
  deposit: { field: 'deposit', document: `mutation($input: DepositInput!) { deposit(input: $input) { ${PAYLOAD} } }` },
  withdraw: { field: 'withdraw', document: `mutation($input: WithdrawInput!) { withdraw(input: $input) { ${PAYLOAD} } }` },
  send: { field: 'sendMoney', document: `mutation($input: SendMoneyInput!) { sendMoney(input: $input) { ${PAYLOAD} } }` },
};

/** Retries a money request in doubt this many times with the same key before moving on. */
const IN_RUN_ATTEMPTS = 4;

export function newMoneyRecord(kind: MoneyKind, op: { user: number; to?: number; currency: string; amountMinor: number }): MoneyRecord {
  return { kind, ...op, idempotencyKey: randomUUID(), status: 'in-doubt', attempts: 0 };
}

function inputOf(record: MoneyRecord, sessions: readonly Session[]): Record<string, unknown> {
  const amount = { amount: record.amountMinor, currency: record.currency };
  if (record.kind !== 'send') return { amount, idempotencyKey: record.idempotencyKey };
  return { toUserId: sessions[record.to ?? -1]?.id, amount, note: 'bank test', idempotencyKey: record.idempotencyKey };
}

/** One request with the record's key; the record learns what the answer says. */
export async function attemptMoney(client: GatewayClient, sessions: readonly Session[], record: MoneyRecord): Promise<void> {
  const session = sessions[record.user];
  if (!session) throw new Error(`no user ${record.user}`);
  const { field, document } = MUTATIONS[record.kind];
  record.attempts += 1;
  const outcome: Outcome<Record<string, { transaction: { id: string }; replayed: boolean }>> = await callAs(client, session, document, { input: inputOf(record, sessions) });
  if (outcome.kind === 'ok') {
    const payload = outcome.data[field];
    if (!payload) throw new Error(`${field} answered without a payload`);
    // The same key must always stand for the same transaction.
    if (record.transactionId && record.transactionId !== payload.transaction.id) throw new Error(`key ${record.idempotencyKey} answered two transactions`);
    Object.assign(record, { status: 'acked', transactionId: payload.transaction.id, replayed: record.replayed || payload.replayed });
  } else if (outcome.kind === 'refused' && !(record.kind === 'send' && outcome.reason === 'RECIPIENT_NOT_FOUND')) {
    Object.assign(record, { status: 'refused', code: outcome.reason ?? outcome.code });
  }
}

/** During the run: a few tries with the same key, then the record stays in doubt until healing. */
export async function performMoney(client: GatewayClient, sessions: readonly Session[], record: MoneyRecord): Promise<void> {
  for (let i = 0; i < IN_RUN_ATTEMPTS && record.status === 'in-doubt'; i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 150 * 2 ** i));
    await attemptMoney(client, sessions, record);
  }
}

/**
 * After healing, every request still in doubt is sent again with its key until the answer is
 * final: the replay says whether the lost attempt had moved money, so the history ends with no
 * unknowns (a key is remembered for 24 hours).
 */
export async function settleInDoubt(client: GatewayClient, sessions: readonly Session[], records: readonly MoneyRecord[], deadlineMs: number): Promise<void> {
  for (const record of records) {
    while (record.status === 'in-doubt' && Date.now() < deadlineMs) {
      await attemptMoney(client, sessions, record);
      if (record.status === 'in-doubt') await new Promise((r) => setTimeout(r, 500));
    }
  }
}
