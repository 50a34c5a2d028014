import { describe, expect, it } from 'vitest';
import { completeTaskAs, eventually, gql, gqlOk, placeBidAs, postTaskAs, sharedAdmin, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';

// A hidden task reached through another subgraph's object (a revealed review, a bid): tasks
// resolves the reference whatever the moderation, so that Review.task and Bid.task (non-null)
// never break, but anyone `task(id)` would answer null gets it withheld — no title, description,
// location or questions — through the gateway, anonymous callers included.

const TASK = 'id status hidden title description location { address approximate } questions(first: 5) { edges { node { text } } }';
const THROUGH_REVIEWS = `query($id: ID!) { user(id: $id) { reviews(first: 5) { edges { node { rating task { ${TASK} } } } } } }`;
const THROUGH_BIDS = `query { me { bids(first: 5) { edges { node { status task { ${TASK} } } } } } }`;

interface SeenTask {
  id: string;
  status: string;
  hidden: boolean;
  title: string;
  description: string;
  location: { address: string | null; approximate: boolean } | null;
  questions: { edges: { node: { text: string } }[] };
}

const as = (user: TestUser | null) => (user ? { token: user.accessToken } : {});

/** The task of the (only) review the user received, as `viewer` sees it. */
async function throughReview(viewer: TestUser | null, subject: TestUser): Promise<SeenTask | undefined> {
  const data = await gqlOk<{ user: { reviews: { edges: { node: { task: SeenTask } }[] } } }>(THROUGH_REVIEWS, { id: subject.id }, as(viewer));
  return data.user.reviews.edges[0]?.node.task;
}

/** The task of the bidder's (only) bid. */
async function throughBid(bidder: TestUser): Promise<SeenTask | undefined> {
  const data = await gqlOk<{ me: { bids: { edges: { node: { status: string; task: SeenTask } }[] } } }>(THROUGH_BIDS, {}, as(bidder));
  return data.me.bids.edges[0]?.node.task;
}

const isRetryable = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryable === true;

async function review(author: TestUser, taskId: string, rating: number): Promise<void> {
  const leave = () => gql(`mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { id } }`, { input: { taskId, rating, comment: 'Fine.' } }, as(author));
  const res = await eventually(leave, (r) => !isRetryable(r), { what: 'the task to be reviewable' });
  if (res.errors) throw new Error(`leaveReview failed: ${JSON.stringify(res.errors)}`);
}

describe('a hidden task reached through a review or a bid', () => {
  it('withholds its content from anonymous callers, unrelated users and other bidders, not from its parties and admins, until it is shown again', { timeout: 150_000 }, async () => {
    const [admin, poster, assignee, bidder, stranger] = await Promise.all([
      sharedAdmin(),
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
    ]);
    const content = { title: 'Collect a parcel for me', description: 'Say my name at the counter.', location: { lat: 51.5237, lng: -0.1585, address: '221 Baker Street, London, UK' } };
    const taskId = await postTaskAs(poster, { ...content, budget: 6_000 });
    await gqlOk(`mutation($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, { input: { taskId, text: 'Which counter?' } }, as(stranger));
    await placeBidAs(bidder, taskId, 5_500);
    await completeTaskAs(poster, assignee, taskId, 6_000);
    await review(poster, taskId, 5);
    await review(assignee, taskId, 4);
    // Both reviews are in, so both are revealed: public, anonymous callers included.
    const shown = await eventually(() => throughReview(null, assignee), (task) => task !== undefined, { what: 'the review to be public' });
    const whole = { id: taskId, status: 'COMPLETED', hidden: false, title: content.title, description: content.description, questions: { edges: [{ node: { text: 'Which counter?' } }] } };
    expect(shown).toMatchObject(whole);

    await gqlOk('mutation($id: ID!) { hideTask(taskId: $id, reason: "Prohibited item") { id hidden } }', { id: taskId }, as(admin));
    const withheld = { id: taskId, status: 'COMPLETED', hidden: true, title: 'Hidden task', description: '', location: null, questions: { edges: [] } };
    expect(await throughReview(null, assignee)).toEqual(withheld);
    expect(await throughReview(stranger, assignee)).toEqual(withheld);
    expect(await throughReview(stranger, poster)).toEqual(withheld);
    // A bidder who was not chosen is no party to the task once it is hidden.
    expect(await throughBid(bidder)).toEqual(withheld);
    // Its poster, its assignee and administrators still see it whole, exact address included.
    const exact = { ...whole, hidden: true, location: { address: content.location.address, approximate: false } };
    expect(await throughReview(poster, assignee)).toEqual(exact);
    expect(await throughReview(assignee, poster)).toEqual(exact);
    expect(await throughReview(admin, assignee)).toMatchObject({ ...whole, hidden: true });
    // The task itself is still nobody else's to find.
    expect((await gqlOk<{ task: unknown }>('query($id: ID!) { task(id: $id) { id } }', { id: taskId }, as(stranger))).task).toBeNull();

    await gqlOk('mutation($id: ID!) { unhideTask(taskId: $id) { id hidden } }', { id: taskId }, as(admin));
    const approximate = { ...whole, location: { address: null, approximate: true } };
    expect(await throughReview(null, assignee)).toEqual(approximate);
    expect(await throughReview(stranger, poster)).toEqual(approximate);
    expect(await throughBid(bidder)).toEqual(approximate);
    expect(await throughReview(poster, assignee)).toEqual({ ...whole, location: { address: content.location.address, approximate: false } });
  });
});
