import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bidAcceptRequested, buildEnvelope, SYSTEM_ACTOR } from '@sx/events';
import { createLogger } from '@sx/runtime';
import { openCountedStackDb } from '@sx/testkit';
import { useStackDb } from '@sx/testkit/hooks';
import { holdEscrow, holdEscrowStep } from '../src/commands/hold-escrow.js';
import { accounts, inbox, payments } from '../src/db/tables.js';
import { acceptRequest } from './saga-events.js';
import { knownUser, rolledBack } from './seed.js';

// The wallet's saga hop in Postgres (issue 13): the consumer adds BEGIN, its inbox row and
// COMMIT around the handler; the handler itself is one round trip, the hold function
// (drizzle/0010_hold_in_one_statement.sql). One more statement here fails and has to say why.
const HOLD_STATEMENTS = 1;
// The whole hop as the consumer runs it now (drizzle/0011): inbox row and hold in one
// autocommit statement, no BEGIN or COMMIT around it.
const HOP_STATEMENTS = 1;
const CONSUMER = 'wallet_from_bids';

const db = useStackDb();
const counted = openCountedStackDb();
afterAll(counted.close);
const log = createLogger('wallet-test', 'silent');

describe('the escrow hold of an accepted bid', () => {
  it(`holds the money in ${HOLD_STATEMENTS} statement inside the consumer's transaction`, async () => {
    const [poster, tasker] = [await knownUser(db), await knownUser(db)];
    const request = acceptRequest(poster, tasker, { amount: 2_500, currency: 'USD' });
    const event = buildEnvelope(bidAcceptRequested, request, { actor: SYSTEM_ACTOR });

    // Rolled back: the wallet's money comes from nowhere (the books would not balance), and the
    // held event must not reach tasks (it names a task nobody posted).
    const seen = await rolledBack(counted.db, async (tx) => {
      const [wallet] = await tx.insert(accounts).values({ kind: 'user', ownerId: poster, currency: 'USD', balanceMinor: 10_000 }).returning();
      const before = await counted.statements();
      const outcome = await holdEscrow(tx, event, log);
      const statements = (await counted.statements()) - before;
      const [payment] = await tx.select().from(payments).where(eq(payments.taskId, request.taskId));
      const [account] = await tx.select().from(accounts).where(eq(accounts.id, wallet?.id ?? ''));
      return { outcome, statements, payment, balance: account?.balanceMinor };
    });

    expect(seen.outcome.kind).toBe('held');
    expect(seen.statements).toBe(HOLD_STATEMENTS);
    expect(seen.payment).toMatchObject({ status: 'HELD', amountMinor: 2_500, bidId: request.bidId, payerId: poster, payeeId: tasker });
    expect(seen.balance).toBe(7_500);
  });

  it(`claims the inbox row and holds the money in ${HOP_STATEMENTS} statement, and does nothing the second time`, async () => {
    const [poster, tasker] = [await knownUser(db), await knownUser(db)];
    const request = acceptRequest(poster, tasker, { amount: 2_500, currency: 'USD' });
    const event = buildEnvelope(bidAcceptRequested, request, { actor: SYSTEM_ACTOR });
    const ctx = { consumer: CONSUMER, log };

    // Rolled back for the same reasons as above; the step runs on the transaction as it would on the pool.
    const seen = await rolledBack(counted.db, async (tx) => {
      const [wallet] = await tx.insert(accounts).values({ kind: 'user', ownerId: poster, currency: 'USD', balanceMinor: 10_000 }).returning();
      const before = await counted.statements();
      const first = await holdEscrowStep(tx, event, ctx);
      const statements = (await counted.statements()) - before;
      const second = await holdEscrowStep(tx, event, ctx);
      const held = await tx.select().from(payments).where(eq(payments.taskId, request.taskId));
      const claims = await tx.select().from(inbox).where(and(eq(inbox.consumer, CONSUMER), eq(inbox.eventId, event.id)));
      const [account] = await tx.select().from(accounts).where(eq(accounts.id, wallet?.id ?? ''));
      return { first, second, statements, held, claims: claims.length, balance: account?.balanceMinor };
    });

    expect(seen.first).toBe('handled');
    expect(seen.statements).toBe(HOP_STATEMENTS);
    expect(seen.second).toBe('duplicate');
    expect(seen.claims).toBe(1);
    expect(seen.held).toHaveLength(1);
    expect(seen.held[0]).toMatchObject({ status: 'HELD', amountMinor: 2_500, bidId: request.bidId });
    expect(seen.balance).toBe(7_500);
  });
});
