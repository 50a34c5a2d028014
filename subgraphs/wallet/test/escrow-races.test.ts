import { describe, expect, it } from 'vitest';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { accountsNotMatchingTransfers, escrowsOutOfStep, unbalancedCurrencies } from './books.js';
import { escrowAccountOf, handledByWallet, holdFor, paymentOfTask, sagaEvents, sagaEventsOfTask, transfersOfPayment } from './saga-events.js';
import { readWallet, usd } from './wallet-api.js';

// Release and refund racing for the same hold, then the books of the whole ledger (every test
// file's money included) once the saga has moved money.

const db = useStackDb();
const events = sagaEvents(useEventPublisher());

describe('a hold resolves at most once', () => {
  it('lets exactly one of a completion and a cancellation arriving together move the money', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => holdFor(db, events, usd(2_000), usd(1_000))));
    const published = await Promise.all(held.flatMap(({ payment }) => [events.completeTask(payment), events.cancelTask(payment, 'ASSIGNED')]));
    await handledByWallet(
      db,
      'wallet_from_tasks',
      published.map((e) => e.id),
    );

    for (const { poster, tasker, request, payment } of held) {
      const resolved = await paymentOfTask(db, request.taskId);
      expect(['RELEASED', 'REFUNDED']).toContain(resolved?.status);
      const moved = (await transfersOfPayment(db, payment.id)).map((t) => t.kind);
      const outcome = (await sagaEventsOfTask(db, request.taskId)).map((e) => e.type).slice(1);
      const [posterWallet, taskerWallet] = await Promise.all([readWallet(poster), readWallet(tasker)]);
      if (resolved?.status === 'RELEASED') {
        expect(moved).toEqual(['escrow_hold', 'escrow_release', 'fee']);
        expect(outcome).toEqual(['wallet.payment.released']);
        expect([posterWallet.balance, taskerWallet.balance]).toEqual([usd(1_000), usd(900)]);
      } else {
        expect(moved).toEqual(['escrow_hold', 'escrow_refund']);
        expect(outcome).toEqual(['wallet.payment.refunded']);
        expect([posterWallet.balance, taskerWallet.balance]).toEqual([usd(2_000), usd(0)]);
      }
      // Money conserved: what the poster paid in is with the poster, the tasker or the platform.
      const feeMinor = resolved?.feeMinor ?? 0;
      expect(posterWallet.balance.amount + taskerWallet.balance.amount + feeMinor).toBe(2_000);
      expect((await escrowAccountOf(db, payment.id))?.balanceMinor).toBe(0);
    }
  });
});

describe('the books after the saga', () => {
  it('sum to zero per currency over all accounts', async () => {
    expect(await unbalancedCurrencies(db)).toEqual([]);
  });

  it("hold every account's balance as the sum of its transfers", async () => {
    expect(await accountsNotMatchingTransfers(db)).toEqual([]);
  });

  it('keep in each escrow account exactly what its payment still holds', async () => {
    expect(await escrowsOutOfStep(db)).toEqual([]);
  });
});
