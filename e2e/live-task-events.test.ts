import { describe, expect, it } from 'vitest';
import {
  acceptBidAs,
  depositTo,
  eventually,
  gql,
  gqlOk,
  placeBidAs,
  postTaskAs,
  signUpUser,
  type TestUser,
} from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';

// taskEvents: public while a task is OPEN (and for the event that closes it), then for its
// poster and assignee only. Decided by tasks (Query.taskEvent), routed by the gateway.

const { connect, subscribed, count } = useLiveGateway();

interface TaskEventPayload {
  taskEvents: { id: string; kind: string; cursor: string; task: { id: string; title: string; status: string; assignee: { id: string } | null } };
}
const TASK_EVENTS = `subscription($taskId: ID!) { taskEvents(taskId: $taskId) { id kind cursor task { id title status assignee { id } } } }`;
const as = (user: TestUser) => ({ token: user.accessToken });
const taskMutation = (user: TestUser, name: string, taskId: string) => gqlOk(`mutation($id: ID!) { ${name}(id: $id) { status } }`, { id: taskId }, as(user));
const readEvent = async (id: string, user?: TestUser) =>
  (await gql<{ taskEvent: { kind: string } | null }>(`query($id: ID!) { taskEvent(id: $id) { kind } }`, { id }, user ? as(user) : {})).data?.taskEvent ?? null;

describe('Subscription.taskEvents', () => {
  it('is public while the task is OPEN and private to poster and assignee afterwards', async () => {
    const [poster, tasker, watcher] = await Promise.all([
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
    ]);
    await depositTo(poster, 10_000);
    const taskId = await postTaskAs(poster, { budget: 9_000 });
    const bidId = await placeBidAs(tasker, taskId, 8_000);
    const before = count('taskEvents');
    const posterFeed = connect(poster.accessToken).subscribe<TaskEventPayload>(TASK_EVENTS, { taskId });
    const taskerFeed = connect(tasker.accessToken).subscribe<TaskEventPayload>(TASK_EVENTS, { taskId });
    const watcherFeed = connect(watcher.accessToken).subscribe<TaskEventPayload>(TASK_EVENTS, { taskId });
    await subscribed('taskEvents', before + 3);

    await gqlOk(`mutation($id: ID!) { updateTask(id: $id, input: { title: "Assemble two wardrobes" }) { id } }`, { id: taskId }, as(poster));
    await acceptBidAs(poster, bidId);
    await eventually(async () => posterFeed.events.length, (n) => n >= 2, { what: 'UPDATED and ASSIGNED' });
    await taskMutation(tasker, 'markTaskDone', taskId);
    await taskMutation(poster, 'confirmTaskCompletion', taskId);

    const kinds = (events: TaskEventPayload[]) => events.map((e) => e.taskEvents.kind);
    const posterEvents = await posterFeed.waitFor(4);
    expect(kinds(posterEvents)).toEqual(['UPDATED', 'ASSIGNED', 'DONE', 'COMPLETED']);
    expect(posterEvents[1]?.taskEvents.task).toMatchObject({ status: expect.any(String) as unknown as string, assignee: { id: tasker.id } });
    expect(kinds(await taskerFeed.waitFor(4))).toEqual(['UPDATED', 'ASSIGNED', 'DONE', 'COMPLETED']);
    // The watcher saw the open task change and close, nothing after.
    expect(kinds(await watcherFeed.waitFor(2))).toEqual(['UPDATED', 'ASSIGNED']);

    // tasks decides: the DONE event is the parties' business; UPDATED is anyone's.
    const [updated, , done] = posterEvents.map((e) => e.taskEvents.id) as [string, string, string];
    expect(await readEvent(done, watcher)).toBeNull();
    expect(await readEvent(done)).toBeNull();
    expect(await readEvent(done, tasker)).toEqual({ kind: 'DONE' });
    expect(await readEvent(updated)).toEqual({ kind: 'UPDATED' });
    expect(watcherFeed.events).toHaveLength(2);
  });
});
