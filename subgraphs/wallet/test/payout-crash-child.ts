import { createDb, createPool } from '@sx/runtime';
import { runDailyPayouts } from '../src/commands/payouts/run-daily-payouts.js';
import { createLocalProvider } from '../src/payment-provider/local-provider.js';
import type { PaymentProvider } from '../src/payment-provider/payment-provider.js';

// A payout run in a process of its own that kills itself (SIGKILL: no finally, no rollback
// handler, the connections just drop) at the named step of the first payout:
//   tsx payout-crash-child.ts <databaseUrl> <YYYY-MM-DD> <thresholdMinor> before-provider|after-provider
const [databaseUrl, day, threshold, crashAt] = process.argv.slice(2);
if (!databaseUrl || !day || !threshold || (crashAt !== 'before-provider' && crashAt !== 'after-provider')) {
  throw new Error('usage: payout-crash-child.ts <databaseUrl> <day> <thresholdMinor> before-provider|after-provider');
}

const die = () => process.kill(process.pid, 'SIGKILL');
const db = createDb(createPool({ url: databaseUrl, max: 4 }));
const local = createLocalProvider(db, { maxChargeMinor: 2_500_000, maxPayoutMinor: 1_000_000 });
const provider: PaymentProvider = {
  ...local,
  payout: async (request) => {
    if (crashAt === 'before-provider') die();
    const outcome = await local.payout(request);
    die();
    return outcome;
  },
};

await runDailyPayouts(
  { db, provider, keys: { leaseMs: 30_000, ttlHours: 24 } },
  { now: new Date(`${day}T03:00:00Z`), thresholdMinor: Number(threshold), batch: 10, maxPerRun: 100 },
);
throw new Error('the run finished: the crash did not happen');
