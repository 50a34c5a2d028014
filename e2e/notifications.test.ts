import { describe, expect, it } from 'vitest';
import { reviewLeft } from '@sx/events';
import { acceptBidAs, depositTo, errorCode, eventEnvelope, eventually, gql, placeBidAs, postTaskAs, sendMoneyAs, signUpUser, type TestUser } from '@sx/testkit';
import { useEventPublisher } from '@sx/testkit/hooks';
import { feedOf, feedOk, markRead, markReadOk, waitForKinds } from './notifications-api.js';

// The notifications subgraph through the gateway: domain events of the other subgraphs become
// each person's own feed, linked to the task, bid and payment they are about.

const events = useEventPublisher();
const as = (user: TestUser) => ({ token: user.accessToken });

/** Runs a task mutation, retrying while tasks has not heard of the assignment yet. */
async function taskStep(user: TestUser, mutation: 'markTaskDone' | 'confirmTaskCompletion' | 'cancelTask', taskId: string): Promise<void> {
  const res = await eventually(
    () => gql(`mutation($id: ID!) { ${mutation}(id: $id) { id status } }`, { id: taskId }, as(user)),
    (r) => !r.errors,
    { what: `${mutation} of ${taskId}`, timeoutMs: 30_000 },
  );
  expect(res.errors).toBeUndefined();
}

/** A poster with money, a task, a winning and a losing bid, the winner accepted. */
async function assignedTask() {
  const [poster, winner, loser] = await Promise.all([
    signUpUser({ roles: ['POSTER'], name: 'Paula Poster' }),
    signUpUser({ roles: ['TASKER'], name: 'Willa Winner' }),
    signUpUser({ roles: ['TASKER'], name: 'Lou Loser' }),
  ]);
  await depositTo(poster, 20_000);
  const taskId = await postTaskAs(poster, { budget: 15_000, title: 'Hang <b>three</b> shelves' });
  const winnerBid = await placeBidAs(winner, taskId, 12_000);
  await placeBidAs(loser, taskId, 11_000);
  await waitForKinds(poster, ['BID_RECEIVED', 'BID_RECEIVED']);
  await acceptBidAs(poster, winnerBid);
  return { poster, winner, loser, taskId, winnerBid };
}

describe('notifications from the marketplace', () => {
  it('tells each party of bids, the acceptance and the escrow, linked to the task, bid and payment', async () => {
    const { poster, winner, loser, taskId, winnerBid } = await assignedTask();

    const posterFeed = await waitForKinds(poster, ['BID_RECEIVED', 'BID_RECEIVED', 'TASK_ASSIGNED', 'PAYMENT_HELD']);
    const bidNote = posterFeed.find((n) => n.kind === 'BID_RECEIVED' && n.bid?.id === winnerBid);
    expect(bidNote).toMatchObject({
      title: 'New bid on your task',
      body: 'A tasker offered to do it for 120.00 USD. “Done by Friday.”',
      readAt: null,
      task: { id: taskId, title: 'Hang <b>three</b> shelves' },
      bid: { id: winnerBid, amount: { amount: 12_000 } },
      payment: null,
    });
    const held = posterFeed.find((n) => n.kind === 'PAYMENT_HELD');
    expect(held?.payment).toMatchObject({ status: 'HELD' });
    expect(held?.body).toContain('120.00 USD');

    const winnerFeed = await waitForKinds(winner, ['BID_ACCEPTED', 'PAYMENT_HELD']);
    expect(winnerFeed.find((n) => n.kind === 'BID_ACCEPTED')).toMatchObject({ task: { id: taskId }, bid: { id: winnerBid }, payment: { id: held?.payment?.id } });
    const [rejected] = await waitForKinds(loser, ['BID_REJECTED']);
    expect(rejected).toMatchObject({ body: 'The poster chose another bid.', task: { id: taskId }, payment: null });
    // Nobody hears of what is not theirs.
    expect(winnerFeed.map((n) => n.kind).sort()).toEqual(['BID_ACCEPTED', 'PAYMENT_HELD']);
  });

  it('follows the task to its end: done, completed and paid, then reviewed', async () => {
    const { poster, winner, taskId } = await assignedTask();
    await taskStep(winner, 'markTaskDone', taskId);
    const [done] = (await waitForKinds(poster, ['TASK_DONE'])).filter((n) => n.kind === 'TASK_DONE');
    expect(done).toMatchObject({ title: 'Work marked done', task: { id: taskId } });

    await taskStep(poster, 'confirmTaskCompletion', taskId);
    const winnerFeed = await waitForKinds(winner, ['TASK_COMPLETED', 'PAYMENT_RELEASED']);
    expect(winnerFeed.find((n) => n.kind === 'PAYMENT_RELEASED')).toMatchObject({ title: 'You were paid', payment: { status: 'RELEASED' } });
    await waitForKinds(poster, ['PAYMENT_RELEASED']);

    await eventually(
      () => gql(`mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }`, { input: { taskId, rating: 4 } }, as(poster)),
      (r) => !r.errors,
      { what: 'the review to be accepted', timeoutMs: 30_000 },
    );
    const [review] = (await waitForKinds(winner, ['REVIEW_RECEIVED'])).filter((n) => n.kind === 'REVIEW_RECEIVED');
    // Blind reviews: the subject learns a review exists, not its rating.
    expect(review).toMatchObject({ body: 'The other side of a completed task reviewed you. Leave your review to see theirs; both show once you do, or when the 14-day review window closes.', task: { id: taskId } });
  });

  it('tells the assignee of a cancelled task and the poster of the refund', async () => {
    const { poster, winner, taskId } = await assignedTask();
    await waitForKinds(winner, ['BID_ACCEPTED', 'PAYMENT_HELD']);
    // tasks refuses to cancel before it has heard of the assignment only with a retryable error; taskStep retries.
    await taskStep(poster, 'cancelTask', taskId);
    const [cancelled] = (await waitForKinds(winner, ['BID_ACCEPTED', 'PAYMENT_HELD', 'TASK_CANCELLED'])).filter((n) => n.kind === 'TASK_CANCELLED');
    expect(cancelled).toMatchObject({ title: 'Task cancelled', task: { id: taskId } });
    const [refund] = (await waitForKinds(poster, ['PAYMENT_REFUNDED'])).filter((n) => n.kind === 'PAYMENT_REFUNDED');
    expect(refund).toMatchObject({ body: '120.00 USD went back to your wallet: the task was cancelled.', payment: { status: 'REFUNDED' } });
  });
});

describe('Query.notifications, the unread count and markNotificationsRead', () => {
  async function userWithThreeNotes() {
    const [sender, recipient] = await Promise.all([signUpUser({ name: 'Sam Sender' }), signUpUser({ name: 'Rae Recipient' })]);
    await depositTo(sender, 10_000);
    for (const amount of [100, 200, 300]) await sendMoneyAs(sender, recipient, amount);
    const feed = await waitForKinds(recipient, ['MONEY_RECEIVED', 'MONEY_RECEIVED', 'MONEY_RECEIVED']);
    return { sender, recipient, feed };
  }

  it('lists newest first in pages, and counts unread for the owner only', async () => {
    const { sender, recipient, feed } = await userWithThreeNotes();
    expect(feed.map((n) => n.body)).toEqual([
      '3.00 USD arrived in your wallet. Note: “thanks”',
      '2.00 USD arrived in your wallet. Note: “thanks”',
      '1.00 USD arrived in your wallet. Note: “thanks”',
    ]);
    const first = await feedOk(recipient, { first: 2 });
    expect(first.notifications.edges.map((e) => e.node.id)).toEqual([feed[0]?.id, feed[1]?.id]);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await feedOk(recipient, { first: 2, after: first.notifications.pageInfo.endCursor ?? '' });
    expect(rest.notifications.edges.map((e) => e.node.id)).toEqual([feed[2]?.id]);
    expect(rest.notifications.pageInfo.hasNextPage).toBe(false);
    expect(first.me.unreadNotificationCount).toBe(3);

    const other = await gql<{ user: { unreadNotificationCount: number | null } }>(`query($id: ID!) { user(id: $id) { unreadNotificationCount } }`, { id: recipient.id }, as(sender));
    expect(other.data?.user.unreadNotificationCount).toBeNull();
    const bad = await feedOf(recipient, { after: 'not-a-cursor' });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(`{ notifications { edges { node { id } } } }`))).toBe('UNAUTHENTICATED');
  });

  it('marks by ids (only the caller’s own) or all, and unreadOnly hides read ones', async () => {
    const { sender, recipient, feed } = await userWithThreeNotes();
    const [newest, middle, oldest] = feed.map((n) => n.id);
    // Someone else's ids change nothing.
    expect(await markReadOk(sender, { ids: [newest ?? ''] })).toMatchObject({ marked: 0 });
    expect(await markReadOk(recipient, { ids: [middle ?? '', 'not-a-uuid'] })).toEqual({ marked: 1, unreadCount: 2 });
    expect(await markReadOk(recipient, { ids: [middle ?? ''] })).toEqual({ marked: 0, unreadCount: 2 });

    const unread = await feedOk(recipient, { unreadOnly: true });
    expect(unread.notifications.edges.map((e) => e.node.id)).toEqual([newest, oldest]);
    const all = await feedOk(recipient);
    expect(all.notifications.edges.find((e) => e.node.id === middle)?.node.readAt).not.toBeNull();

    expect(await markReadOk(recipient, { all: true })).toEqual({ marked: 2, unreadCount: 0 });
    expect((await feedOk(recipient, { unreadOnly: true })).notifications.edges).toEqual([]);
    expect((await feedOk(recipient)).me.unreadNotificationCount).toBe(0);
  });

  it('refuses a selection that is neither ids nor all, or both, and a signed-out caller', async () => {
    const user = await signUpUser();
    for (const input of [{}, { ids: [], all: true }, { all: false }]) {
      const res = await markRead(user, input);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.reason).toBe('INVALID_INPUT');
    }
    const signedOut = await gql(`mutation { markNotificationsRead(input: { all: true }) { marked } }`);
    expect(errorCode(signedOut)).toBe('UNAUTHENTICATED');
  });

  it('makes one notification of an event delivered twice', async () => {
    const [author, subject] = await Promise.all([signUpUser(), signUpUser()]);
    const taskId = crypto.randomUUID();
    const twice = eventEnvelope(reviewLeft, { reviewId: crypto.randomUUID(), taskId, authorId: author.id, subjectId: subject.id, rating: 2 });
    // No Nats-Msg-Id: JetStream stores both copies, so only the consumer's inbox can tell.
    await events.send(twice, { msgID: null });
    await events.send(twice, { msgID: null });
    await events.publish(reviewLeft, { reviewId: crypto.randomUUID(), taskId, authorId: author.id, subjectId: subject.id, rating: 5 });
    const feed = await waitForKinds(subject, ['REVIEW_RECEIVED', 'REVIEW_RECEIVED']);
    expect(feed.map((n) => n.body)).toEqual(['The other side of a completed task reviewed you. Leave your review to see theirs; both show once you do, or when the 14-day review window closes.', 'The other side of a completed task reviewed you. Leave your review to see theirs; both show once you do, or when the 14-day review window closes.']);
  });
});
