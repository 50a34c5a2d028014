import { describe, expect, it } from 'vitest';
import { BadUserInput, NotFound } from '@sx/core';
import { parseCurrency, parseIdempotencyKey, parseMoneyCommand, parseSendCommand } from './wallet-commands.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const send = (overrides: Record<string, unknown> = {}) => ({
  toUserId: BOB,
  amount: { amount: 1_250, currency: 'usd' },
  idempotencyKey: 'k-1',
  ...overrides,
});

describe('parseMoneyCommand', () => {
  it('parses the amount into minor units and an upper-case currency', () => {
    expect(parseMoneyCommand({ amount: { amount: 500, currency: 'eur' }, idempotencyKey: 'abc' })).toEqual({
      money: { amountMinor: 500, currency: 'EUR' },
      idempotencyKey: 'abc',
    });
  });

  it.each([
    ['a zero amount', { amount: 0, currency: 'USD' }, 'greater than zero'],
    ['a negative amount', { amount: -1, currency: 'USD' }, 'greater than zero'],
    ['a fractional amount', { amount: 1.5, currency: 'USD' }, 'whole number of minor units'],
    ['an unknown currency', { amount: 1, currency: 'XYZ' }, 'is not supported'],
  ])('refuses %s', (_name, amount, message) => {
    const parse = () => parseMoneyCommand({ amount, idempotencyKey: 'abc' });
    expect(parse).toThrow(BadUserInput);
    expect(parse).toThrow(message);
  });
});

describe('parseIdempotencyKey', () => {
  it('accepts a UUID and any visible ASCII up to 255 characters', () => {
    expect(parseIdempotencyKey('3f1e0c1a-0b1c-4d2e-8f3a-5b6c7d8e9f00')).toBe('3f1e0c1a-0b1c-4d2e-8f3a-5b6c7d8e9f00');
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it.each([
    ['an empty key', ''],
    ['a key over 255 characters', 'x'.repeat(256)],
    ['a key with spaces', 'my key'],
    ['a key with non-ASCII characters', 'clé'],
  ])('refuses %s', (_name, key) => {
    expect(() => parseIdempotencyKey(key)).toThrow(BadUserInput);
  });
});

describe('parseSendCommand', () => {
  it('parses the recipient in lower case and trims the note', () => {
    expect(parseSendCommand(send({ toUserId: BOB.toUpperCase(), note: '  thanks!  ' }), ALICE)).toEqual({
      recipientId: BOB,
      money: { amountMinor: 1_250, currency: 'USD' },
      note: 'thanks!',
      idempotencyKey: 'k-1',
    });
  });

  it('treats a blank note as none', () => {
    expect(parseSendCommand(send({ note: '   ' }), ALICE).note).toBeNull();
  });

  it('refuses a recipient id that cannot be a user with NotFound', () => {
    expect(() => parseSendCommand(send({ toUserId: 'bob' }), ALICE)).toThrow(NotFound);
  });

  it('refuses sending to yourself, whatever the case of the id', () => {
    expect(() => parseSendCommand(send({ toUserId: ALICE.toUpperCase() }), ALICE)).toThrow('You cannot send money to yourself');
  });

  it('refuses a note over 280 characters', () => {
    expect(() => parseSendCommand(send({ note: 'n'.repeat(281) }), ALICE)).toThrow('note may be at most 280');
  });
});

describe('parseCurrency', () => {
  it('accepts a supported currency in any case and refuses others', () => {
    expect(parseCurrency('gbp', 'currency')).toBe('GBP');
    expect(() => parseCurrency('JPY', 'currency')).toThrow('currency "JPY" is not supported');
  });
});
