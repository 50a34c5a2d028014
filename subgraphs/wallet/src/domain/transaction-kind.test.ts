import { describe, expect, it } from 'vitest';
import { TRANSFER_KINDS } from './ledger-kinds.js';
import { transactionKind } from './transaction-kind.js';

describe('transactionKind', () => {
  it('shows a send as SEND to the sender and RECEIVE to the recipient', () => {
    expect(transactionKind('send', 'debit')).toBe('SEND');
    expect(transactionKind('send', 'credit')).toBe('RECEIVE');
  });

  it('names every other transfer kind after the kind itself', () => {
    expect(TRANSFER_KINDS.filter((k) => k !== 'send').map((k) => transactionKind(k, 'credit'))).toEqual([
      'DEPOSIT',
      'WITHDRAWAL',
      'ESCROW_HOLD',
      'ESCROW_RELEASE',
      'ESCROW_REFUND',
      'FEE',
      'WITHDRAWAL_REVERSAL',
      'DISPUTE_REFUND',
      'DISPUTE_RELEASE',
    ]);
  });
});
