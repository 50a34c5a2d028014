// @vitest-environment jsdom
import { useSubscription } from '@sx/react';
import { BidDetailFragmentDoc, BidEventsDocument, getFragmentData, TaskEventsDocument, type BidEventsSubscription } from '@sx/sdk';
import { eventually, gqlOk, placeBidAs, postTaskAs, signUpUser } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

type BidEvent = BidEventsSubscription['bidEvents'];

describe('useSubscription', () => {
  it("hands each event to onEvent and shows the latest as data: the poster sees the tasker's bid change live", async () => {
    const poster = await signUpUser({ roles: ['POSTER'], name: 'Sue Subscriber' });
    const tasker = await signUpUser({ roles: ['TASKER'], name: 'Ted Tasker' });
    const taskId = await postTaskAs(poster, { currency: 'EUR' });
    const bidId = await placeBidAs(tasker, taskId, 4000, 'EUR');
    const sx = testClient();
    expect((await sx.signIn(poster)).ok).toBe(true);
    const heard: BidEvent[] = [];
    const view = await renderHook(sx, () => useSubscription(BidEventsDocument, { taskId }, { onEvent: (data) => heard.push(data.bidEvents) }));

    // A new subscription has no "ready" signal: the tasker edits the bid until an edit arrives.
    const editTo = (message: string) =>
      gqlOk('mutation($id: ID!, $input: UpdateBidInput!) { updateBid(id: $id, input: $input) { id } }', { id: bidId, input: { message } }, { token: tasker.accessToken });
    await eventually(
      async () => {
        if (heard.length === 0) await editTo('Any time this week');
        return heard.length;
      },
      (count) => count > 0,
      { intervalMs: 300, what: 'a first bid event' },
    );
    await editTo('Tomorrow at nine');

    const latest = await view.until((state) => state.data !== null && getFragmentData(BidDetailFragmentDoc, state.data.bidEvents.bid).message === 'Tomorrow at nine');
    expect(latest).toMatchObject({ error: null, ended: false });
    expect(heard.every((event) => event.kind === 'UPDATED' && getFragmentData(BidDetailFragmentDoc, event.bid).id === bidId)).toBe(true);
    expect(heard.at(-1)).toBe(latest.data?.bidEvents);
    view.unmount();
  });

  it('shows why the subscription ended when the API refuses it', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const sx = testClient();
    expect((await sx.signIn(poster)).ok).toBe(true);
    const view = await renderHook(sx, () => useSubscription(TaskEventsDocument, { taskId, after: 'not-a-cursor' }));
    const ended = await view.until((state) => state.ended, 'the refusal');
    expect(ended.error?.code).toBe('BAD_USER_INPUT');
    expect(ended.data).toBeNull();
    view.unmount();
  });
});
