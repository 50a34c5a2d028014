import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEnvelope, SYSTEM_ACTOR, taskAssigned } from '@sx/events';
import { createLogger } from '@sx/runtime';
import { openCountedStackDb, rolledBack } from '@sx/testkit';
import { acceptAssignedBid, acceptAssignedBidStep } from '../src/commands/accept-assigned-bid.js';
import { bids, inbox, outbox, taskReplica } from '../src/db/tables.js';

// The bids saga hop in Postgres (issue 13): the consumer adds BEGIN, its inbox row and COMMIT
// around the handler; the handler itself is one round trip, the acceptance function
// (drizzle/0004_accept_in_one_statement.sql), however many other bids it rejects. One more
// statement here fails and has to say why.
const ACCEPT_STATEMENTS = 1;
// The whole hop as the consumer runs it now (drizzle/0005): inbox row and acceptance in one
// autocommit statement, no BEGIN or COMMIT around it.
const HOP_STATEMENTS = 1;
const CONSUMER = 'bids_from_tasks';

const counted = openCountedStackDb();
afterAll(counted.close);
const log = createLogger('bids-test', 'silent');

describe('the accepted bid of an assigned task', () => {
  it(`is accepted, and the task's other bids rejected, in ${ACCEPT_STATEMENTS} statement inside the consumer's transaction`, async () => {
    const [taskId, posterId, taskerId, otherTasker] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const event = buildEnvelope(taskAssigned, { taskId, posterId, assigneeId: taskerId, bidId: randomUUID(), paymentId: randomUUID() }, { actor: SYSTEM_ACTOR });
    const seen = await rolledBack(counted.db, async (tx) => {
      await tx.insert(taskReplica).values({ taskId, posterId, status: 'OPEN', budgetMinor: 5_000, currency: 'USD', lastEventAt: new Date(Date.now() - 60_000) });
      const bid = { taskId, amountMinor: 2_500, currency: 'USD', message: 'counted' };
      await tx.insert(bids).values([
        { ...bid, id: event.data.bidId, taskerId, status: 'ACCEPTING' },
        { ...bid, taskerId: otherTasker, status: 'PENDING' },
      ]);
      const before = await counted.statements();
      await acceptAssignedBid(tx, event, log);
      const statements = (await counted.statements()) - before;
      const rows = await tx.select({ taskerId: bids.taskerId, status: bids.status }).from(bids).where(eq(bids.taskId, taskId));
      const [replica] = await tx.select({ status: taskReplica.status }).from(taskReplica).where(eq(taskReplica.taskId, taskId));
      const events = await tx.select({ type: outbox.type, aggregateId: outbox.aggregateId }).from(outbox).where(eq(outbox.aggregateId, event.data.bidId));
      return { statements, rows, replica, events };
    });

    expect(seen.statements).toBe(ACCEPT_STATEMENTS);
    expect(seen.rows).toEqual(expect.arrayContaining([{ taskerId, status: 'ACCEPTED' }, { taskerId: otherTasker, status: 'REJECTED' }]));
    expect(seen.replica?.status).toBe('ASSIGNED');
    expect(seen.events).toEqual([{ type: 'bids.bid.accepted', aggregateId: event.data.bidId }]);
  });

  it(`claims the inbox row and accepts the bid in ${HOP_STATEMENTS} statement, and does nothing the second time`, async () => {
    const [taskId, posterId, taskerId, otherTasker] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const event = buildEnvelope(taskAssigned, { taskId, posterId, assigneeId: taskerId, bidId: randomUUID(), paymentId: randomUUID() }, { actor: SYSTEM_ACTOR });
    const ctx = { consumer: CONSUMER, log };
    const seen = await rolledBack(counted.db, async (tx) => {
      await tx.insert(taskReplica).values({ taskId, posterId, status: 'OPEN', budgetMinor: 5_000, currency: 'USD', lastEventAt: new Date(Date.now() - 60_000) });
      const bid = { taskId, amountMinor: 2_500, currency: 'USD', message: 'counted' };
      await tx.insert(bids).values([
        { ...bid, id: event.data.bidId, taskerId, status: 'ACCEPTING' },
        { ...bid, taskerId: otherTasker, status: 'PENDING' },
      ]);
      const before = await counted.statements();
      const first = await acceptAssignedBidStep(tx, event, ctx);
      const statements = (await counted.statements()) - before;
      const second = await acceptAssignedBidStep(tx, event, ctx);
      const rows = await tx.select({ taskerId: bids.taskerId, status: bids.status }).from(bids).where(eq(bids.taskId, taskId));
      const claims = await tx.select().from(inbox).where(and(eq(inbox.consumer, CONSUMER), eq(inbox.eventId, event.id)));
      const events = await tx.select({ type: outbox.type }).from(outbox).where(eq(outbox.aggregateId, event.data.bidId));
      return { first, second, statements, rows, claims: claims.length, events };
    });

    expect(seen.first).toBe('handled');
    expect(seen.statements).toBe(HOP_STATEMENTS);
    expect(seen.second).toBe('duplicate');
    expect(seen.claims).toBe(1);
    expect(seen.rows).toEqual(expect.arrayContaining([{ taskerId, status: 'ACCEPTED' }, { taskerId: otherTasker, status: 'REJECTED' }]));
    expect(seen.events).toEqual([{ type: 'bids.bid.accepted' }]);
  });
});
