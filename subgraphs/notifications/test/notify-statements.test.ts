import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { bidAccepted, buildEnvelope, STEP_FALLBACK_SQLSTATE, SYSTEM_ACTOR } from '@sx/events';
import { createLogger, sqlStateOf } from '@sx/runtime';
import { openCountedStackDb, rolledBack } from '@sx/testkit';
import { notifyBidAcceptedStep } from '../src/commands/notify-from-bids.js';
import { inbox, notifications, outbox } from '../src/db/tables.js';

// A notification reaction as the consumer runs it (issue 13, fifth pass): the recipients'
// preferences read, then one statement that claims the inbox row and stores the notification,
// its live event and NOTIFY — where it was BEGIN, inbox, read, write, COMMIT. One more
// statement here fails and has to say why.
const STEP_STATEMENTS = 2;
const CONSUMER = 'notifications_from_bids';

const counted = openCountedStackDb();
afterAll(counted.close);
const log = createLogger('notifications-test', 'silent');

describe('the notification of an accepted bid', () => {
  it(`is stored with its inbox row in ${STEP_STATEMENTS} statements, and a second delivery leaves nothing`, async () => {
    const taskerId = randomUUID();
    const event = buildEnvelope(bidAccepted, { bidId: randomUUID(), taskId: randomUUID(), taskerId, paymentId: randomUUID() }, { actor: SYSTEM_ACTOR });
    const step = notifyBidAcceptedStep({ emailLinks: null });
    const ctx = { consumer: CONSUMER, log };

    // Rolled back: the live event must not leave (it names a bid nobody placed).
    const seen = await rolledBack(counted.db, async (tx) => {
      const before = await counted.statements();
      const first = await step(tx, event, ctx);
      const statements = (await counted.statements()) - before;
      // In a savepoint: the second delivery's SXF01 rolls back only what it wrote.
      const second = await tx.transaction((sp) => step(sp, event, ctx)).catch((err: unknown) => sqlStateOf(err));
      const stored = await tx.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.eventId, event.id));
      const claims = await tx.select().from(inbox).where(and(eq(inbox.consumer, CONSUMER), eq(inbox.eventId, event.id)));
      const live = await tx.select({ type: outbox.type }).from(outbox).where(eq(outbox.aggregateId, taskerId));
      return { first, second, statements, stored, claims: claims.length, live };
    });

    expect(seen.first).toBe('handled');
    expect(seen.statements).toBe(STEP_STATEMENTS);
    // The consumer takes SXF01 as "go the general way", whose inbox insert then says 'duplicate'.
    expect(seen.second).toBe(STEP_FALLBACK_SQLSTATE);
    expect(seen.stored).toEqual([{ kind: 'BID_ACCEPTED' }]);
    expect(seen.claims).toBe(1);
    expect(seen.live).toEqual([{ type: 'notifications.notification.created' }]);
  });
});
