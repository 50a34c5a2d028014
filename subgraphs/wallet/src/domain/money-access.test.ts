import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '@sx/core';
import { canSeePayment, canSeeWallet } from './money-access.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '33333333-3333-4333-8333-333333333333';
const user = (userId: string): Identity => ({ userId, roles: ['POSTER', 'TASKER'], ip: null });
const admin: Identity = { userId: CAROL, roles: ['ADMIN'], ip: null };

describe('canSeeWallet', () => {
  it('shows a wallet to its owner only, not even to admins', () => {
    expect(canSeeWallet(user(ALICE), ALICE)).toBe(true);
    expect(canSeeWallet(user(BOB), ALICE)).toBe(false);
    expect(canSeeWallet(admin, ALICE)).toBe(false);
    expect(canSeeWallet(ANONYMOUS, ALICE)).toBe(false);
  });
});

describe('canSeePayment', () => {
  const payment = { payerId: ALICE, payeeId: BOB };

  it('shows a payment to its payer, its payee and admins', () => {
    expect(canSeePayment(user(ALICE), payment)).toBe(true);
    expect(canSeePayment(user(BOB), payment)).toBe(true);
    expect(canSeePayment(admin, payment)).toBe(true);
  });

  it('hides a payment from everyone else', () => {
    expect(canSeePayment(user(CAROL), payment)).toBe(false);
    expect(canSeePayment(ANONYMOUS, payment)).toBe(false);
  });
});
