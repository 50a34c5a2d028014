import { describe, expect, it } from 'vitest';
import { cancellationRefunds, classifyExistingPayment, explainUnresolved, holdCurrency } from './escrow-rules.js';

describe('holdCurrency', () => {
  it("tries a hold in the bid's currency when the poster has a wallet in it", () => {
    expect(holdCurrency('EUR', ['USD', 'EUR'])).toEqual({ ok: true, currency: 'EUR' });
  });

  it('tries a hold for a poster without any wallet yet (the ledger then finds the money missing)', () => {
    expect(holdCurrency('USD', [])).toEqual({ ok: true, currency: 'USD' });
  });

  it('reads the currency code in any case', () => {
    expect(holdCurrency('gbp', ['GBP'])).toEqual({ ok: true, currency: 'GBP' });
  });

  it('declines with CURRENCY_MISMATCH when all the poster’s money is in other currencies', () => {
    expect(holdCurrency('GBP', ['USD', 'EUR'])).toEqual({ ok: false, reason: 'CURRENCY_MISMATCH' });
  });

  it('declines with CURRENCY_MISMATCH a currency the platform does not settle in', () => {
    expect(holdCurrency('JPY', ['USD'])).toEqual({ ok: false, reason: 'CURRENCY_MISMATCH' });
    expect(holdCurrency('JPY', [])).toEqual({ ok: false, reason: 'CURRENCY_MISMATCH' });
  });
});

describe('classifyExistingPayment', () => {
  it('treats a second request for the same bid as a duplicate', () => {
    expect(classifyExistingPayment({ bidId: 'b1' }, { bidId: 'b1' })).toBe('duplicate');
  });

  it('flags a request for another bid of an already paid task', () => {
    expect(classifyExistingPayment({ bidId: 'b1' }, { bidId: 'b2' })).toBe('other-bid');
  });
});

describe('cancellationRefunds', () => {
  it('refunds the cancellation of an assigned task', () => {
    expect(cancellationRefunds('ASSIGNED')).toBe(true);
  });

  it.each(['OPEN', 'DONE', 'COMPLETED', 'CANCELLED'])('leaves money alone when a %s task is cancelled', (status) => {
    expect(cancellationRefunds(status)).toBe(false);
  });
});

describe('explainUnresolved', () => {
  it('reports a payment that does not exist', () => {
    expect(explainUnresolved(null, 'RELEASED')).toBe('missing');
  });

  it('reports a duplicate of the same resolution', () => {
    expect(explainUnresolved('RELEASED', 'RELEASED')).toBe('already');
    expect(explainUnresolved('REFUNDED', 'REFUNDED')).toBe('already');
  });

  it('reports the loser of a release-versus-refund race', () => {
    expect(explainUnresolved('REFUNDED', 'RELEASED')).toBe('lost');
    expect(explainUnresolved('RELEASED', 'REFUNDED')).toBe('lost');
  });

  it('fails loudly on a payment still HELD after the conditional update', () => {
    expect(() => explainUnresolved('HELD', 'RELEASED')).toThrow(/invariant/);
  });
});
