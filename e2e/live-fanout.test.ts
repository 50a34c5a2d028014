import { describe, expect, it } from 'vitest';
import { eventually, gqlOk, postTaskAs, scrapeMetrics, signUpUser } from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';

// The fan-out of one event to many watchers: one hydration per (selection, viewer scope), the
// same payload written to every watcher, in stream order, none lost (live-subscriber.ts,
// shared-payload.ts).

const { gw, connect, subscribed, count } = useLiveGateway();

const WATCHERS = 8;
const TASK_EVENTS = `subscription($taskId: ID!) { taskEvents(taskId: $taskId) { id kind task { id title } } }`;
interface TaskEventPayload {
  taskEvents: { id: string; kind: string; task: { id: string; title: string } };
}

const liveCounter = async (metric: string, field: string) => {
  const text = await scrapeMetrics(gw().url);
  return Number(new RegExp(`^${metric}\\{[^}]*field="${field}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

describe('one task event to many watchers', () => {
  it('is hydrated once for all outsiders and reaches each of them, in order, with the same payload', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const watchers = await Promise.all(Array.from({ length: WATCHERS }, () => signUpUser({ roles: ['TASKER'] })));
    const taskId = await postTaskAs(poster);
    const before = count('taskEvents');
    const feeds = watchers.map((w) => connect(w.accessToken).subscribe<TaskEventPayload>(TASK_EVENTS, { taskId }));
    await subscribed('taskEvents', before + WATCHERS);
    const rename = (title: string) =>
      gqlOk(`mutation($id: ID!, $title: String!) { updateTask(id: $id, input: { title: $title }) { id } }`, { id: taskId, title }, { token: poster.accessToken });
    // POSTED, written just before the watchers subscribed, may still reach them: once a first
    // UPDATED has reached everyone, everything before it in the stream has been hydrated and sent.
    await rename('First title');
    const updatedIn = (events: TaskEventPayload[]) => events.filter((e) => e.taskEvents.kind === 'UPDATED');
    await Promise.all(feeds.map((f) => eventually(async () => updatedIn(f.events).length, (n) => n >= 1, { what: 'the first UPDATED' })));
    const [hydrationsBefore, deliveriesBefore] = [await liveCounter('sx_live_hydrations_total', 'taskEvents'), await liveCounter('sx_live_deliveries_total', 'taskEvents')];

    await rename('Second title');
    await rename('Third title');
    const received = await Promise.all(feeds.map((f) => eventually(async () => updatedIn(f.events), (e) => e.length >= 3, { what: 'three UPDATED' })));

    // Two events, each one hydration for the eight outsiders (no one else follows this task).
    expect((await liveCounter('sx_live_hydrations_total', 'taskEvents')) - hydrationsBefore).toBe(2);
    expect((await liveCounter('sx_live_deliveries_total', 'taskEvents')) - deliveriesBefore).toBe(2 * WATCHERS);
    const first = received[0] ?? [];
    expect(first).toHaveLength(3);
    for (const events of received) expect(events).toEqual(first);
    expect(new Set(first.map((e) => e.taskEvents.id)).size).toBe(3);
  });
});
