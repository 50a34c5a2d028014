import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '@sx/testkit';
import { cancelTaskRaw, dataOf, newPoster, newTasker, postTask, readTask } from './task-api.js';
import {
  assignedTask,
  closeSagaSupport,
  deadLetterOf,
  envelopeOf,
  escrowHeld,
  eventTypesOf,
  handled,
  outboxOf,
  waitForStatus,
  walletEvents,
} from './saga-support.js';

afterAll(closeSagaSupport);

describe('assigning a task when wallet holds the escrow', () => {
  it('assigns an open task to the payee and announces it once', async () => {
    const poster = newPoster();
    const tasker = newTasker();
    const open = await postTask(poster);
    const held = escrowHeld(open, tasker.userId);
    await walletEvents.send(envelopeOf(held));

    const task = await waitForStatus(open.id, 'ASSIGNED');
    expect(task).toEqual({ ...open, status: 'ASSIGNED', assignee: { id: tasker.userId }, updatedAt: task.updatedAt });
    const events = await outboxOf(open.id);
    expect(events.map((e) => e.type)).toEqual(['tasks.task.posted', 'tasks.task.assigned']);
    expect(events[1]).toEqual({
      type: 'tasks.task.assigned',
      actor: { kind: 'system', id: null },
      data: { taskId: open.id, posterId: poster.userId, assigneeId: tasker.userId, bidId: held.bidId, paymentId: held.paymentId },
    });
  });

  it('has no second effect when the same hold is delivered again, under its id or a new one', async () => {
    const { task, held, envelope: first } = await assignedTask(newPoster(), newTasker());

    // The relay's re-publish of the same event: JetStream drops it within its dedup window.
    expect((await walletEvents.send(first)).duplicate).toBe(true);
    // The same event stored again (no Nats-Msg-Id): the inbox recognises it.
    await walletEvents.send(first, { msgID: null });
    // The same payment under a new event id: the handler recognises the payment.
    const again = envelopeOf(held);
    await walletEvents.send(again);
    // One consumer handles the stream in order: once the last one is committed, all are.
    await eventually(() => handled(again.id), Boolean, { what: 'second hold handled' });

    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned']);
    expect(await readTask(task.id)).toEqual(task);
  });

  it('refuses the assignment of a task cancelled meanwhile, so that wallet refunds the hold', async () => {
    const poster = newPoster();
    const open = await postTask(poster);
    const cancelled = dataOf(await cancelTaskRaw(poster, open.id)).cancelTask;
    const held = escrowHeld(open, randomUUID());
    await walletEvents.send(envelopeOf(held));

    const events = await eventually(() => outboxOf(open.id), (e) => e.length === 3, { what: 'refusal' });
    expect(events.map((e) => e.type)).toEqual(['tasks.task.posted', 'tasks.task.cancelled', 'tasks.task.assignment_refused']);
    expect(events[2]?.data).toEqual({ taskId: open.id, bidId: held.bidId, paymentId: held.paymentId, status: 'CANCELLED' });
    expect(await readTask(open.id)).toEqual(cancelled);
  });

  it('refuses a second payment for a task already assigned and keeps the first assignee', async () => {
    const { task } = await assignedTask(newPoster(), newTasker());
    const rival = escrowHeld(task, randomUUID());
    await walletEvents.send(envelopeOf(rival));

    const events = await eventually(() => outboxOf(task.id), (e) => e.length === 3, { what: 'refusal' });
    expect(events[2]).toMatchObject({
      type: 'tasks.task.assignment_refused',
      data: { taskId: task.id, bidId: rival.bidId, paymentId: rival.paymentId, status: 'ASSIGNED' },
    });
    expect(await readTask(task.id)).toEqual(task);
  });

  it('retries a hold for a task that does not exist, then dead-letters it without any effect', async () => {
    const ghost = { id: randomUUID(), poster: { id: randomUUID() } };
    const envelope = envelopeOf(escrowHeld(ghost, randomUUID()));
    await walletEvents.send(envelope);

    // CONSUMER_MAX_DELIVER (5) deliveries with backoff 0.5 s doubling: about 7.5 s.
    const dead = await eventually(() => deadLetterOf(envelope.id), (d) => d !== null, { what: 'dead letter', timeoutMs: 25_000, intervalMs: 200 });
    expect(dead).toMatchObject({ consumer: 'tasks_from_wallet', type: 'wallet.escrow.held', deliveries: 5 });
    expect(dead?.error).toContain('does not exist');
    expect(await handled(envelope.id)).toBe(false);
    expect(await outboxOf(ghost.id)).toEqual([]);
  }, 30_000);
});
