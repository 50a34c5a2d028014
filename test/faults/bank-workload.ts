import { seededRandom } from '../../e2e/money-model.js';
import type { GatewayClient, Session } from './bank-client.js';
import { newMoneyRecord, performMoney, type MoneyRecord } from './bank-history.js';
import { runSaga, type SagaPlan, type SagaRecord } from './bank-sagas.js';

export const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;

export interface WorkloadRun {
  money: MoneyRecord[];
  sagas: SagaRecord[];
}

/**
 * `workers` clients, each in a loop while `running()`: a random user does a random deposit,
 * withdrawal, send or a whole saga in a random currency. Amounts are drawn so that users often
 * try to move more than they have (INSUFFICIENT_FUNDS and declined holds are part of the test),
 * and withdrawals stay under the local provider's payout limit (a declined payout would be a
 * different story: WITHDRAWAL_REVERSAL).
 */
export async function runWorkload(opts: {
  client: GatewayClient;
  sessions: readonly Session[];
  admin: Session;
  seed: number;
  workers: number;
  running: () => boolean;
}): Promise<WorkloadRun> {
  const run: WorkloadRun = { money: [], sagas: [] };
  const ctx = { client: opts.client, sessions: opts.sessions, admin: opts.admin, stepTimeoutMs: 20_000 };
  const worker = async (index: number) => {
    const random = seededRandom(opts.seed + index * 7919);
    const pick = (n: number) => Math.floor(random() * n);
    while (opts.running()) {
      const roll = random();
      const user = pick(opts.sessions.length);
      const other = (user + 1 + pick(opts.sessions.length - 1)) % opts.sessions.length;
      const currency = CURRENCIES[pick(CURRENCIES.length)] ?? 'USD';
      const amountMinor = 100 + pick(4_900);
      if (roll < 0.3) {
        const record = newMoneyRecord('deposit', { user, currency, amountMinor: amountMinor * 2 });
        run.money.push(record);
        await performMoney(opts.client, opts.sessions, record);
      } else if (roll < 0.5) {
        const record = newMoneyRecord('withdraw', { user, currency, amountMinor });
        run.money.push(record);
        await performMoney(opts.client, opts.sessions, record);
      } else if (roll < 0.75) {
        const record = newMoneyRecord('send', { user, to: other, currency, amountMinor });
        run.money.push(record);
        await performMoney(opts.client, opts.sessions, record);
      } else {
        const plans = ['complete', 'cancel', 'auto-release', 'withdraw', 'dispute-split'] as const;
        const plan: SagaPlan = plans[pick(plans.length)] ?? 'complete';
        const saga: SagaRecord = { poster: user, tasker: other, currency, amountMinor, plan, stage: 'start' };
        run.sagas.push(saga);
        await runSaga(ctx, saga);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, (_, i) => worker(i)));
  return run;
}
