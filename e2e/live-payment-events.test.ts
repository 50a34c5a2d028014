import { describe, expect, it } from 'vitest';
import {
  acceptBidAs,
  depositTo,
  eventually,
  placeBidAs,
  postTaskAs,
  sendMoneyAs,
  signUpUser,
} from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';

// paymentEvents (and bidEvents beside them) through a real gateway over graphql-ws: each person
// sees their own money move, and the accept-bid saga's events carry its causal order. Order is
// promised per subscription (stream order, docs/subscriptions.md), not across two subscriptions
// of different streams: each hydrates on its own, so arrival order between them may differ.

const { connect, subscribed, count } = useLiveGateway();

interface PaymentEventPayload {
  paymentEvents: {
    kind: string;
    transaction: { kind: string; amount: { amount: number }; counterparty: { name: string } | null } | null;
    wallet: { balance: { amount: number }; available: { amount: number }; held: { amount: number } };
    payment: { status: string; createdAt: string; amount: { amount: number }; payer: { id: string }; payee: { id: string } } | null;
  };
}
const PAYMENT_EVENTS = `subscription { paymentEvents {
  kind transaction { kind amount { amount } counterparty { name } }
  wallet { balance { amount } available { amount } held { amount } }
  payment { status createdAt amount { amount } payer { id } payee { id } } } }`;
const BID_EVENTS = `subscription($taskId: ID!) { bidEvents(taskId: $taskId) { kind reason bid { id status updatedAt } } }`;

describe('Subscription.paymentEvents', () => {
  it('tells the sender SENT and the recipient RECEIVED, and nobody else anything', async () => {
    const [payer, payee, outsider] = await Promise.all([
      signUpUser({ name: 'Pat Payer' }),
      signUpUser({ name: 'Rita Recipient' }),
      signUpUser({ name: 'Otto Outsider' }),
    ]);
    const before = count('paymentEvents');
    const payerFeed = connect(payer.accessToken).subscribe<PaymentEventPayload>(PAYMENT_EVENTS);
    const payeeFeed = connect(payee.accessToken).subscribe<PaymentEventPayload>(PAYMENT_EVENTS);
    const outsiderFeed = connect(outsider.accessToken).subscribe<PaymentEventPayload>(PAYMENT_EVENTS);
    await subscribed('paymentEvents', before + 3);

    await depositTo(payer, 10_000);
    await sendMoneyAs(payer, payee, 2_500);
    await depositTo(outsider, 700);

    const payerEvents = await payerFeed.waitFor(2);
    expect(payerEvents.map((e) => e.paymentEvents.kind)).toEqual(['DEPOSITED', 'SENT']);
    expect(payerEvents[1]?.paymentEvents).toMatchObject({
      transaction: { kind: 'SEND', amount: { amount: 2_500 }, counterparty: { name: 'Rita Recipient' } },
      wallet: { balance: { amount: 7_500 } },
      payment: null,
    });
    const [received] = await payeeFeed.waitFor(1);
    expect(received?.paymentEvents).toMatchObject({
      kind: 'RECEIVED',
      transaction: { kind: 'RECEIVE', amount: { amount: 2_500 }, counterparty: { name: 'Pat Payer' } },
      wallet: { balance: { amount: 2_500 } },
    });
    // Events reach a subscriber in stream order: the outsider's first event is their own
    // deposit, made after the send, so the send was never delivered to them.
    const [outsiderFirst] = await outsiderFeed.waitFor(1);
    expect(outsiderFirst?.paymentEvents).toMatchObject({ kind: 'DEPOSITED', wallet: { balance: { amount: 700 } } });
    expect(payeeFeed.events).toHaveLength(1);
    expect(outsiderFeed.events).toHaveLength(1);
  });

  it('shows the accept-bid saga live: ESCROW_HELD, then ACCEPTED for the winner and REJECTED for the others', async () => {
    const [poster, winner, loser] = await Promise.all([
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
    ]);
    await depositTo(poster, 20_000);
    const taskId = await postTaskAs(poster, { budget: 15_000 });
    const winnerBid = await placeBidAs(winner, taskId, 12_000);
    const loserBid = await placeBidAs(loser, taskId, 11_000);

    // One connection per person, with both subscriptions on it, so arrival order is comparable.
    const posterLive = connect(poster.accessToken);
    const beforePay = count('paymentEvents');
    const beforeBids = count('bidEvents');
    const posterPay = posterLive.subscribe<PaymentEventPayload>(PAYMENT_EVENTS);
    const posterBids = posterLive.subscribe<{ bidEvents: { kind: string; reason: string | null; bid: { id: string; status: string; updatedAt: string } } }>(BID_EVENTS, { taskId });
    const winnerPay = connect(winner.accessToken).subscribe<PaymentEventPayload>(PAYMENT_EVENTS);
    const loserBids = connect(loser.accessToken).subscribe<{ bidEvents: { kind: string; reason: string | null; bid: { id: string } } }>(BID_EVENTS, { taskId });
    await subscribed('paymentEvents', beforePay + 2);
    await subscribed('bidEvents', beforeBids + 2);

    await acceptBidAs(poster, winnerBid);

    const [held] = await posterPay.waitFor(1);
    expect(held?.paymentEvents).toMatchObject({
      kind: 'ESCROW_HELD',
      payment: { status: 'HELD', amount: { amount: 12_000 }, payer: { id: poster.id }, payee: { id: winner.id } },
      wallet: { balance: { amount: 20_000 }, available: { amount: 8_000 }, held: { amount: 12_000 } },
    });
    // Bids placed just before subscribing may still arrive (PLACED) as they are published.
    const settled = <T extends { bidEvents: { kind: string } }>(events: T[]) => events.filter((e) => e.bidEvents.kind !== 'PLACED');
    const bidEvents = await eventually(async () => settled(posterBids.events), (e) => e.length >= 2, { what: 'ACCEPTED and REJECTED' });
    expect(bidEvents.map((e) => [e.bidEvents.kind, e.bidEvents.bid.id]).sort()).toEqual(
      [
        ['ACCEPTED', winnerBid],
        ['REJECTED', loserBid],
      ].sort(),
    );
    expect(bidEvents.find((e) => e.bidEvents.kind === 'REJECTED')?.bidEvents.reason).toBe('OTHER_BID_ACCEPTED');
    // Causal order, as the events tell it: the money was held before the bid became ACCEPTED.
    const heldAt = Date.parse(held?.paymentEvents.payment?.createdAt ?? '');
    const acceptedAt = Date.parse(bidEvents.find((e) => e.bidEvents.kind === 'ACCEPTED')?.bidEvents.bid.updatedAt ?? '');
    expect(Number.isFinite(heldAt) && Number.isFinite(acceptedAt)).toBe(true);
    expect(heldAt).toBeLessThanOrEqual(acceptedAt);

    const [winnerHeld] = await winnerPay.waitFor(1);
    expect(winnerHeld?.paymentEvents).toMatchObject({ kind: 'ESCROW_HELD', payment: { status: 'HELD' } });
    const [loserEvent] = await eventually(async () => settled(loserBids.events), (e) => e.length >= 1, { what: 'REJECTED for the loser' });
    expect(loserEvent?.bidEvents).toMatchObject({ kind: 'REJECTED', bid: { id: loserBid } });
  });
});
