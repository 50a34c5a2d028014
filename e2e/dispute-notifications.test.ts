import { describe, expect, it } from 'vitest';
import { eventually, gqlOk, type TestUser } from '@sx/testkit';
import { addMessageAs, adminUser, as, assignedTask, dataOf, openDisputeAs, resolveAs, withdrawFrom } from './dispute-steps.js';

// Both parties hear of a dispute's steps, and the poster of a withdrawal, through the
// notifications subgraph reacting to tasks' events (issue 17).

const kindsOf = async (user: TestUser): Promise<string[]> =>
  (await gqlOk<{ notifications: { edges: { node: { kind: string } }[] } }>('{ notifications(first: 50) { edges { node { kind } } } }', {}, as(user))).notifications.edges.map((e) => e.node.kind);

const hears = (user: TestUser, kinds: string[]) =>
  eventually(() => kindsOf(user), (seen) => kinds.every((k) => seen.filter((s) => s === k).length >= 1), { what: `notifications ${kinds.join(', ')}`, timeoutMs: 30_000 });

describe('dispute notifications, through the gateway', () => {
  it('tells the other side of an opened dispute, each party of the other’s message, and both of the decision', { timeout: 90_000 }, async () => {
    const { poster, tasker, taskId } = await assignedTask(3_000);
    const admin = await adminUser();
    const dispute = dataOf(await openDisputeAs(tasker, taskId)).openDispute;
    dataOf(await addMessageAs(tasker, dispute.id, 'Please look at the photos.'));
    dataOf(await addMessageAs(admin, dispute.id, 'Reviewing.'));
    dataOf(await resolveAs(admin, dispute.id, 'dismiss'));
    const posterKinds = await hears(poster, ['DISPUTE_OPENED', 'DISPUTE_MESSAGE', 'DISPUTE_DECIDED']);
    // The poster heard the tasker's message and the admin's: two.
    expect(posterKinds.filter((k) => k === 'DISPUTE_MESSAGE')).toHaveLength(2);
    const taskerKinds = await hears(tasker, ['DISPUTE_MESSAGE', 'DISPUTE_DECIDED']);
    // The opener is not told of their own dispute, nor of their own message.
    expect(taskerKinds.filter((k) => k === 'DISPUTE_OPENED')).toEqual([]);
    expect(taskerKinds.filter((k) => k === 'DISPUTE_MESSAGE')).toHaveLength(1);
  });

  it('tells the poster that the tasker withdrew', { timeout: 90_000 }, async () => {
    const { poster, tasker, taskId } = await assignedTask(1_000);
    dataOf(await withdrawFrom(tasker, taskId));
    expect(await hears(poster, ['TASK_WITHDRAWN'])).toContain('TASK_WITHDRAWN');
  });
});
