import fc from 'fast-check';
import { describe, it } from 'vitest';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { ledgerProgram } from './ledger-commands.js';
import { LedgerRun } from './ledger-runner.js';

// Property-based tests of the wallet's ledger against the independent model (ledger-model.ts):
// random programs of money requests with overdrafts, same-key retries, key reuse, concurrent
// bursts, holds and their resolution by events, and redelivered events, in three currencies.
// fast-check shrinks a failing program to a small one and prints the seed and path to replay it
// (FAULTS_FC_SEED, FAULTS_FC_PATH). `npm run test:faults` runs FAULTS_NUM_RUNS programs.
const NUM_RUNS = Number(process.env.FAULTS_NUM_RUNS ?? 12);
const SEED = Number(process.env.FAULTS_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PATH = process.env.FAULTS_FC_PATH;

const db = useStackDb();
const publisher = useEventPublisher();

describe('the ledger against its model, one program', () => {
  // Found by the 10-minute nemesis run: User.wallets counted HELD payments of every currency.
  it('shows as held only the HELD payments in the wallet\'s own currency', async () => {
    const run = await LedgerRun.start(db, publisher);
    await run.apply({ t: 'deposit', user: 0, currency: 'USD', amountMinor: 5_000 });
    await run.apply({ t: 'deposit', user: 0, currency: 'EUR', amountMinor: 100 });
    await run.apply({ t: 'accept', poster: 0, tasker: 1, currency: 'USD', amountMinor: 1_000 });
    await run.compareBooks();
  });
});

describe(`the ledger against its model (${NUM_RUNS} programs, seed ${SEED})`, () => {
  it(
    'ends every random program with the books the model computes, refusing exactly the overdrafts',
    async () => {
      await fc.assert(
        fc.asyncProperty(ledgerProgram, async (program) => {
          const run = await LedgerRun.start(db, publisher);
          for (const command of program) await run.apply(command);
          await run.compareBooks();
        }),
        { numRuns: NUM_RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}), endOnFailure: process.env.FAULTS_FC_SHRINK === '0' },
      );
    },
    NUM_RUNS * 60_000,
  );
});
