import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from './task-status.js';
import { decideAssignment } from './task-assignment.js';

const POSTER = '11111111-1111-4111-8111-111111111111';
const PAYMENT = '33333333-3333-4333-8333-333333333333';
const OTHER_PAYMENT = '44444444-4444-4444-8444-444444444444';

describe('assigning a task when its escrow is held', () => {
  it('assigns an open task', () => {
    expect(decideAssignment({ posterId: POSTER, status: 'OPEN', paymentId: null }, { paymentId: PAYMENT, payerId: POSTER })).toBe('assign');
  });

  it('refuses every task that is no longer open, so the hold is refunded', () => {
    for (const status of TASK_STATUSES.filter((s) => s !== 'OPEN')) {
      const task = { posterId: POSTER, status, paymentId: status === 'CANCELLED' ? null : OTHER_PAYMENT };
      expect(decideAssignment(task, { paymentId: PAYMENT, payerId: POSTER })).toBe('refuse');
    }
  });

  it('does nothing for the payment that already assigned the task, whatever its status now', () => {
    for (const status of TASK_STATUSES.filter((s) => s !== 'OPEN')) {
      expect(decideAssignment({ posterId: POSTER, status, paymentId: PAYMENT }, { paymentId: PAYMENT, payerId: POSTER })).toBe('already');
    }
  });

  it('fails loudly when the payer is not the task’s poster', () => {
    const stranger = '22222222-2222-4222-8222-222222222222';
    expect(() => decideAssignment({ posterId: POSTER, status: 'OPEN', paymentId: null }, { paymentId: PAYMENT, payerId: stranger })).toThrow(
      /not by the task's poster/,
    );
  });
});
