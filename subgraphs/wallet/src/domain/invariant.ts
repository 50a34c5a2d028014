/**
 * A rule of the ledger that must always hold was broken: a bug, never a user's mistake.
 * Thrown instead of writing a wrong balance (TigerBeetle style: fail loudly, lose nothing).
 */
export class LedgerInvariantError extends Error {
  constructor(message: string) {
    super(`ledger invariant broken: ${message}`);
    this.name = 'LedgerInvariantError';
  }
}

export function assertInvariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new LedgerInvariantError(message);
}
