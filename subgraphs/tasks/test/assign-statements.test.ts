import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sx/runtime';
import { openCountedStackDb, rolledBack } from '@sx/testkit';
import { assignTaskStep } from '../src/commands/assign-task.js';
import { inbox, outbox, tasks } from '../src/db/tables.js';
import { envelopeOf, escrowHeld } from './saga-support.js';
import { newPoster, newTasker, postTask } from './task-api.js';

// The tasks saga hop as the consumer runs it (issue 13, drizzle/0008): the inbox row and the
// assignment in one autocommit statement, where it was BEGIN, inbox, assignment, COMMIT. One
// more statement here fails and has to say why.
const HOP_STATEMENTS = 1;
const CONSUMER = 'tasks_from_wallet';

const counted = openCountedStackDb();
afterAll(counted.close);
const log = createLogger('tasks-test', 'silent');

describe('the assignment of a task whose escrow is held', () => {
  it(`claims the inbox row and assigns the task in ${HOP_STATEMENTS} statement, and does nothing the second time`, async () => {
    const open = await postTask(newPoster());
    const event = envelopeOf(escrowHeld(open, newTasker().userId));
    const ctx = { consumer: CONSUMER, log };

    // Rolled back: the assigned event must not reach bids (no bid of that id exists).
    const seen = await rolledBack(counted.db, async (tx) => {
      const before = await counted.statements();
      const first = await assignTaskStep(tx, event, ctx);
      const statements = (await counted.statements()) - before;
      const second = await assignTaskStep(tx, event, ctx);
      const [task] = await tx.select({ status: tasks.status, assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, open.id));
      const claims = await tx.select().from(inbox).where(and(eq(inbox.consumer, CONSUMER), eq(inbox.eventId, event.id)));
      const events = await tx.select({ type: outbox.type }).from(outbox).where(eq(outbox.aggregateId, open.id));
      return { first, second, statements, task, claims: claims.length, events: events.map((e) => e.type) };
    });

    expect(seen.first).toBe('handled');
    expect(seen.statements).toBe(HOP_STATEMENTS);
    expect(seen.second).toBe('duplicate');
    expect(seen.claims).toBe(1);
    expect(seen.task).toEqual({ status: 'ASSIGNED', assigneeId: event.data.payeeId });
    expect(seen.events).toEqual(['tasks.task.posted', 'tasks.task.assigned']);
  });
});
