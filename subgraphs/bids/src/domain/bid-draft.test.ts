import { describe, expect, it } from 'vitest';
import { MAX_BID_MESSAGE_LENGTH, parseBidDraft, parseBidPatch } from './bid-draft.js';

const TASK = '11111111-1111-4111-8111-111111111111';
const input = (overrides: Record<string, unknown> = {}) => ({ taskId: TASK, amount: { amount: 7_500, currency: 'eur' }, message: '  I have tools.  ', ...overrides });

describe('parseBidDraft', () => {
  it('gives a bid in minor units, an upper-case currency and a trimmed message', () => {
    expect(parseBidDraft(input())).toEqual({ taskId: TASK, amount: { amountMinor: 7_500, currency: 'EUR' }, message: 'I have tools.' });
  });

  it('takes a missing message as an empty one', () => {
    expect(parseBidDraft(input({ message: null })).message).toBe('');
  });

  it.each([
    ['a zero amount', { amount: { amount: 0, currency: 'EUR' } }, 'amount.amount must be greater than zero.'],
    ['a negative amount', { amount: { amount: -5, currency: 'EUR' } }, 'amount.amount must be greater than zero.'],
    ['a fractional amount', { amount: { amount: 12.5, currency: 'EUR' } }, 'amount.amount must be a whole number of minor units (e.g. cents).'],
    ['an unsupported currency', { amount: { amount: 100, currency: 'CHF' } }, 'amount.currency "CHF" is not supported; use one of USD, EUR, GBP.'],
  ])('refuses %s with BAD_USER_INPUT', (_name, overrides, message) => {
    expect(() => parseBidDraft(input(overrides))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message }));
  });

  it('refuses a message over 2000 characters, and accepts exactly 2000', () => {
    expect(() => parseBidDraft(input({ message: 'x'.repeat(MAX_BID_MESSAGE_LENGTH + 1) }))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'message must be at most 2000 characters; it has 2001.' }),
    );
    expect(parseBidDraft(input({ message: 'x'.repeat(MAX_BID_MESSAGE_LENGTH) })).message).toHaveLength(MAX_BID_MESSAGE_LENGTH);
  });

  it('answers a malformed task id with NOT_FOUND: it can never name a task', () => {
    expect(() => parseBidDraft(input({ taskId: 'task-1' }))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('parseBidPatch', () => {
  it('keeps only the fields sent', () => {
    expect(parseBidPatch({ amount: { amount: 6_000, currency: 'USD' } })).toEqual({ amount: { amountMinor: 6_000, currency: 'USD' } });
    expect(parseBidPatch({ message: ' Tomorrow works. ' })).toEqual({ message: 'Tomorrow works.' });
  });

  it('clears the message when it is sent as null', () => {
    expect(parseBidPatch({ message: null })).toEqual({ message: '' });
  });

  it('refuses a change that changes nothing', () => {
    expect(() => parseBidPatch({})).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Nothing to change') }));
  });

  it('refuses removing the amount and a bad amount', () => {
    expect(() => parseBidPatch({ amount: null })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => parseBidPatch({ amount: { amount: 0, currency: 'USD' } })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
