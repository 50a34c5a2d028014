import { describe, expect, it } from 'vitest';
import { InsufficientFunds } from '@sx/core';
import { applyTransfer, type AccountBalance } from './transfer-rules.js';

const account = (id: string, kind: AccountBalance['kind'], balanceMinor: number): AccountBalance => ({ id, kind, currency: 'USD', balanceMinor });
const alice = (balanceMinor: number) => account('a', 'user', balanceMinor);
const bob = (balanceMinor: number) => account('b', 'user', balanceMinor);
const external = (balanceMinor: number) => account('x', 'external', balanceMinor);

describe('applyTransfer', () => {
  it('moves the amount from the debit account to the credit account', () => {
    expect(applyTransfer(alice(1_000), bob(50), 300, 'USD')).toEqual({ debitBalanceMinor: 700, creditBalanceMinor: 350 });
  });

  it('lets the external account go negative: it mirrors money paid in from outside', () => {
    expect(applyTransfer(external(0), alice(0), 5_000, 'USD')).toEqual({ debitBalanceMinor: -5_000, creditBalanceMinor: 5_000 });
  });

  it('lets a user spend exactly their balance', () => {
    expect(applyTransfer(alice(600), bob(0), 600, 'USD')).toEqual({ debitBalanceMinor: 0, creditBalanceMinor: 600 });
  });

  it('refuses a user more than their balance with InsufficientFunds', () => {
    const attempt = () => applyTransfer(alice(600), bob(0), 601, 'USD');
    expect(attempt).toThrow(InsufficientFunds);
    expect(attempt).toThrow('Your available balance is 6.00 USD, less than the 6.01 USD this needs');
  });

  it('treats an escrow account that cannot pay out as a bug, not a user error', () => {
    expect(() => applyTransfer(account('e', 'escrow', 500), alice(0), 501, 'USD')).toThrow(/invariant/);
  });

  it('treats a platform account that cannot pay as a bug, not a user error', () => {
    expect(() => applyTransfer(account('p', 'platform', 10), alice(0), 11, 'USD')).toThrow(/invariant/);
  });

  it.each([
    ['a zero amount', 0],
    ['a negative amount', -5],
    ['a fractional amount', 1.5],
  ])('fails loudly on %s', (_name, amountMinor) => {
    expect(() => applyTransfer(alice(1_000), bob(0), amountMinor, 'USD')).toThrow(/invariant/);
  });

  it('fails loudly on a transfer from an account to itself', () => {
    expect(() => applyTransfer(alice(1_000), alice(1_000), 1, 'USD')).toThrow(/invariant/);
  });

  it('fails loudly on a transfer across currencies', () => {
    expect(() => applyTransfer(alice(1_000), { ...bob(0), currency: 'EUR' }, 1, 'USD')).toThrow(/invariant/);
  });

  it('fails loudly on an account that already broke its rules', () => {
    expect(() => applyTransfer(alice(-1), bob(0), 1, 'USD')).toThrow(/invariant/);
    expect(() => applyTransfer(external(0), account('e', 'escrow', -1), 1, 'USD')).toThrow(/invariant/);
  });
});
