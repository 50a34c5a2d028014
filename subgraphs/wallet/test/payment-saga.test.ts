import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { taskCompleted } from '@sx/events';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { subgraphGql } from '@sx/testkit';
import {
  acceptRequest,
  declinesOfBid,
  escrowAccountOf,
  handledByWallet,
  holdFor,
  paymentOfTask,
  paymentWithStatus,
  sagaEvents,
  sagaEventsOfTask,
  transfersOfPayment,
} from './saga-events.js';
import { newId } from './seed.js';
import { asUser, deposit, ledgerState, readWallet, usd, type Money } from './wallet-api.js';

// The wallet's part of the bid → payment saga (docs/saga.md), driven through the run's real
// streams: each test publishes what bids or tasks would, and checks what wallet did about it.

const MONEY = '{ amount currency }';
const TASK_PAYMENT = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task {
  payment { id status amount ${MONEY} fee ${MONEY} payer { id } payee { id } resolvedAt } } } }`;

const db = useStackDb();
const publisher = useEventPublisher();
const events = sagaEvents(publisher);

const heldPayment = (funds: Money, amount: Money) => holdFor(db, events, funds, amount);

async function taskPayment(taskId: string, userId: string) {
  const res = await subgraphGql<{ _entities: { payment: Record<string, unknown> | null }[] }>('wallet', TASK_PAYMENT, { reps: [{ __typename: 'Task', id: taskId }] }, asUser(userId));
  expect(res.errors).toBeUndefined();
  return res.data?._entities[0]?.payment ?? null;
}

const kindsOf = (wallet: { transactions: { edges: { node: { kind: string; amount: Money } }[] } }) =>
  wallet.transactions.edges.map((e) => [e.node.kind, e.node.amount.amount]);

describe('holding escrow on bids.bid.accept_requested', () => {
  it("moves the bid's amount from the poster's wallet into the payment's own escrow account", async () => {
    const { poster, tasker, request, payment } = await heldPayment(usd(10_000), usd(2_500));

    expect(payment).toMatchObject({ bidId: request.bidId, payerId: poster, payeeId: tasker, amountMinor: 2_500, currency: 'USD', feeMinor: null, resolvedAt: null });
    const posterWallet = await readWallet(poster);
    expect({ balance: posterWallet.balance, available: posterWallet.available, held: posterWallet.held }).toEqual({
      balance: usd(10_000),
      available: usd(7_500),
      held: usd(2_500),
    });
    expect(posterWallet.transactions.edges[0]?.node).toMatchObject({ kind: 'ESCROW_HOLD', amount: usd(2_500), balanceAfter: usd(7_500), counterparty: null, task: { id: request.taskId } });
    expect((await escrowAccountOf(db, payment.id))?.balanceMinor).toBe(2_500);
    expect(await transfersOfPayment(db, payment.id)).toEqual([{ kind: 'escrow_hold', amountMinor: 2_500, from: poster, to: 'escrow' }]);
    expect(await sagaEventsOfTask(db, request.taskId)).toEqual([
      {
        type: 'wallet.escrow.held',
        data: { paymentId: payment.id, taskId: request.taskId, bidId: request.bidId, payerId: poster, payeeId: tasker, amount: { amountMinor: 2_500, currency: 'USD' } },
      },
    ]);
    // The tasker is paid nothing yet; both see the payment on the task.
    expect(await ledgerState(db, [tasker])).toMatchObject({ accounts: [], transfers: 0 });
    for (const viewer of [poster, tasker]) {
      expect(await taskPayment(request.taskId, viewer)).toEqual({
        id: payment.id,
        status: 'HELD',
        amount: usd(2_500),
        fee: null,
        payer: { id: poster },
        payee: { id: tasker },
        resolvedAt: null,
      });
    }
  });

  it("holds once when the same bid's acceptance arrives twice under different event ids", async () => {
    const { poster, request, payment } = await heldPayment(usd(10_000), usd(3_000));
    const again = await events.requestAccept(request);
    await handledByWallet(db, 'wallet_from_bids', [again.id]);

    expect(await paymentOfTask(db, request.taskId)).toEqual(payment);
    expect(await transfersOfPayment(db, payment.id)).toHaveLength(1);
    expect((await sagaEventsOfTask(db, request.taskId)).map((e) => e.type)).toEqual(['wallet.escrow.held']);
    const wallet = await readWallet(poster);
    expect([wallet.available, wallet.held]).toEqual([usd(7_000), usd(3_000)]);
  });

  it('declines a bid the poster cannot pay for, moving no money, and stays declined on redelivery', async () => {
    const [poster, tasker] = [newId(), newId()];
    await deposit(poster, usd(1_000));
    const before = await ledgerState(db, [poster, tasker]);
    const request = acceptRequest(poster, tasker, usd(2_500));
    const asked = await events.requestAccept(request);
    await handledByWallet(db, 'wallet_from_bids', [asked.id]);

    expect(await sagaEventsOfTask(db, request.taskId)).toEqual([
      {
        type: 'wallet.escrow.declined',
        data: { taskId: request.taskId, bidId: request.bidId, payerId: poster, amount: { amountMinor: 2_500, currency: 'USD' }, reason: 'INSUFFICIENT_FUNDS' },
      },
    ]);
    expect(await paymentOfTask(db, request.taskId)).toBeNull();
    expect(await ledgerState(db, [poster, tasker])).toEqual(before);
    expect(await declinesOfBid(db, request.bidId)).toMatchObject([{ requestEventId: asked.id, reason: 'INSUFFICIENT_FUNDS' }]);

    // With the money there now, the same request delivered again must not turn into a hold.
    await deposit(poster, usd(5_000));
    // A new Nats-Msg-Id gets it past JetStream's dedup, as a replay after the window would.
    expect(await publisher.send(asked, { msgID: randomUUID() })).toEqual({ duplicate: false });
    // Handled in stream order: once a later event is handled, the redelivery has been too.
    const marker = await events.requestAccept(acceptRequest(newId(), newId(), usd(1)));
    await handledByWallet(db, 'wallet_from_bids', [marker.id]);
    expect(await paymentOfTask(db, request.taskId)).toBeNull();
    expect((await sagaEventsOfTask(db, request.taskId)).map((e) => e.type)).toEqual(['wallet.escrow.declined']);
  });

  it('holds a new acceptance of a declined bid once the poster has paid in', async () => {
    const [poster, tasker] = [newId(), newId()];
    const request = acceptRequest(poster, tasker, usd(2_000));
    const first = await events.requestAccept(request);
    await handledByWallet(db, 'wallet_from_bids', [first.id]);
    await deposit(poster, usd(2_000));
    await events.requestAccept(request);

    const payment = await paymentWithStatus(db, request.taskId, 'HELD');
    expect(payment.amountMinor).toBe(2_000);
    expect((await sagaEventsOfTask(db, request.taskId)).map((e) => e.type)).toEqual(['wallet.escrow.declined', 'wallet.escrow.held']);
    const wallet = await readWallet(poster);
    expect([wallet.balance, wallet.available, wallet.held]).toEqual([usd(2_000), usd(0), usd(2_000)]);
  });

  it('declines with CURRENCY_MISMATCH a bid in a currency the poster has no money in', async () => {
    const [poster, tasker] = [newId(), newId()];
    await deposit(poster, usd(10_000));
    const before = await ledgerState(db, [poster, tasker]);
    const request = acceptRequest(poster, tasker, { amount: 500, currency: 'EUR' });
    const asked = await events.requestAccept(request);
    await handledByWallet(db, 'wallet_from_bids', [asked.id]);

    expect(await sagaEventsOfTask(db, request.taskId)).toMatchObject([{ type: 'wallet.escrow.declined', data: { reason: 'CURRENCY_MISMATCH' } }]);
    expect(await paymentOfTask(db, request.taskId)).toBeNull();
    expect(await ledgerState(db, [poster, tasker])).toEqual(before);
  });
});

describe('releasing escrow on tasks.task.completed', () => {
  it('pays the tasker the amount minus the fee and the platform the fee, and empties the escrow', async () => {
    const { poster, tasker, request, payment } = await heldPayment(usd(5_000), usd(995));
    const completed = await events.completeTask(payment);
    const released = await paymentWithStatus(db, request.taskId, 'RELEASED');

    // 10 % of 9.95 is 0.995, rounded half up to 1.00.
    expect(released).toMatchObject({ feeMinor: 100, resolvedAt: expect.any(Date) });
    expect(await transfersOfPayment(db, payment.id)).toEqual([
      { kind: 'escrow_hold', amountMinor: 995, from: poster, to: 'escrow' },
      { kind: 'escrow_release', amountMinor: 895, from: 'escrow', to: tasker },
      { kind: 'fee', amountMinor: 100, from: 'escrow', to: 'platform' },
    ]);
    expect((await escrowAccountOf(db, payment.id))?.balanceMinor).toBe(0);
    const taskerWallet = await readWallet(tasker);
    expect([taskerWallet.balance, taskerWallet.available, taskerWallet.held]).toEqual([usd(895), usd(895), usd(0)]);
    expect(kindsOf(taskerWallet)).toEqual([['ESCROW_RELEASE', 895]]);
    expect(taskerWallet.transactions.edges[0]?.node.task).toEqual({ id: request.taskId });
    const posterWallet = await readWallet(poster);
    expect([posterWallet.balance, posterWallet.available, posterWallet.held]).toEqual([usd(4_005), usd(4_005), usd(0)]);
    expect(kindsOf(posterWallet)).toEqual([
      ['ESCROW_HOLD', 995],
      ['DEPOSIT', 5_000],
    ]);
    expect((await sagaEventsOfTask(db, request.taskId)).at(-1)).toEqual({
      type: 'wallet.payment.released',
      data: {
        paymentId: payment.id,
        taskId: request.taskId,
        bidId: request.bidId,
        payerId: poster,
        payeeId: tasker,
        amount: { amountMinor: 995, currency: 'USD' },
        fee: { amountMinor: 100, currency: 'USD' },
        payout: { amountMinor: 895, currency: 'USD' },
      },
    });
    expect(await taskPayment(request.taskId, tasker)).toMatchObject({ status: 'RELEASED', amount: usd(995), fee: usd(100) });

    // The same completion sent again (a new event id) changes nothing.
    const again = await publisher.publish(taskCompleted, completed.data);
    await handledByWallet(db, 'wallet_from_tasks', [again.id]);
    expect(await transfersOfPayment(db, payment.id)).toHaveLength(3);
    expect((await sagaEventsOfTask(db, request.taskId)).map((e) => e.type)).toEqual(['wallet.escrow.held', 'wallet.payment.released']);
  });
});

describe('refunding escrow', () => {
  it('gives the poster the whole amount back when an assigned task is cancelled', async () => {
    const { poster, tasker, request, payment } = await heldPayment(usd(4_000), usd(1_250));
    await events.cancelTask(payment, 'ASSIGNED');
    const refunded = await paymentWithStatus(db, request.taskId, 'REFUNDED');

    expect(refunded).toMatchObject({ feeMinor: null, resolvedAt: expect.any(Date) });
    expect(await transfersOfPayment(db, payment.id)).toEqual([
      { kind: 'escrow_hold', amountMinor: 1_250, from: poster, to: 'escrow' },
      { kind: 'escrow_refund', amountMinor: 1_250, from: 'escrow', to: poster },
    ]);
    expect((await escrowAccountOf(db, payment.id))?.balanceMinor).toBe(0);
    const wallet = await readWallet(poster);
    expect([wallet.balance, wallet.available, wallet.held]).toEqual([usd(4_000), usd(4_000), usd(0)]);
    expect(kindsOf(wallet)).toEqual([
      ['ESCROW_REFUND', 1_250],
      ['ESCROW_HOLD', 1_250],
      ['DEPOSIT', 4_000],
    ]);
    expect(await ledgerState(db, [tasker])).toMatchObject({ accounts: [], transfers: 0 });
    expect((await sagaEventsOfTask(db, request.taskId)).at(-1)).toMatchObject({
      type: 'wallet.payment.refunded',
      data: { paymentId: payment.id, payerId: poster, payeeId: tasker, amount: { amountMinor: 1_250, currency: 'USD' }, reason: 'TASK_CANCELLED' },
    });
    expect(await taskPayment(request.taskId, poster)).toMatchObject({ status: 'REFUNDED', fee: null });
  });

  it('refunds a hold whose task refused the assignment', async () => {
    const { poster, request, payment } = await heldPayment(usd(3_000), usd(3_000));
    await events.refuseAssignment(payment, 'CANCELLED');
    await paymentWithStatus(db, request.taskId, 'REFUNDED');

    expect((await sagaEventsOfTask(db, request.taskId)).at(-1)).toMatchObject({ type: 'wallet.payment.refunded', data: { reason: 'ASSIGNMENT_REFUSED' } });
    const wallet = await readWallet(poster);
    expect([wallet.available, wallet.held]).toEqual([usd(3_000), usd(0)]);
  });

  it('leaves the hold alone when the cancelled task was still open', async () => {
    const { poster, request, payment } = await heldPayment(usd(3_000), usd(1_000));
    const cancelled = await events.cancelTask(payment, 'OPEN');
    await handledByWallet(db, 'wallet_from_tasks', [cancelled.id]);

    expect(await paymentOfTask(db, request.taskId)).toEqual(payment);
    expect(await transfersOfPayment(db, payment.id)).toHaveLength(1);
    const wallet = await readWallet(poster);
    expect([wallet.available, wallet.held]).toEqual([usd(2_000), usd(1_000)]);
  });
});
