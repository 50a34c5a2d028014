/**
 * bench/send-ab — sendMoney through the gateway, distinct wallets, in rounds that alternate
 * between variants of the wallet subgraph on one stack: before each round the variant's shell
 * command runs (e.g. checks out the wallet's sources of a commit) and the wallet process is
 * started again. A and B thus meet the same machine load, round after round, which a shared
 * 2-core machine needs: back-to-back runs of bench:money differ by more than the change.
 *
 *   npx tsx bench/send-ab.ts --variant 'base=git checkout main -- subgraphs/wallet/src' \
 *                            --variant 'new=git checkout HEAD -- subgraphs/wallet/src' \
 *                            [--rounds 3 --seconds 10 --clients 50] [--cpu-profile DIR]
 *
 * Without --variant it runs the checked-out code `--rounds` times. Prints sends/s and the
 * gateway's and wallet's CPU ms per send of every round, and each variant's median.
 */
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DRIVEN_STACK_LIMITS, launchStack, type RunningStack } from '@sx/stack';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { benchClient, type BenchUser } from './bench-client.js';
import { printTable } from './report.js';
import { loadAverage, sendLoad } from './write-path/measure.js';
import { walletKnows } from './write-path/wallet-knows.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    variant: { type: 'string', multiple: true, default: [] },
    'cpu-profile': { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const variants = values.variant.length > 0 ? values.variant.map(parseVariant) : [{ name: 'current', command: null }];

function parseVariant(text: string): { name: string; command: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--variant NAME=COMMAND, got ${text}`);
  return { name: text.slice(0, at), command: text.slice(at + 1) };
}

/** The wallet again, as the variant's sources say (its CPU profile named for the round). */
async function switchWallet(stack: RunningStack, variant: { name: string; command: string | null }, round: number): Promise<void> {
  if (variant.command === null) return;
  await stack.kill('wallet');
  execSync(variant.command, { stdio: 'inherit' });
  const dir = values['cpu-profile'];
  const profile: Record<string, string> = dir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-name=wallet-${variant.name}-${round}.cpuprofile` } : {};
  await stack.restart('wallet', { ...DRIVEN_STACK_LIMITS.wallet, ...profile });
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const databaseUrl = await createFreshDatabase('sx_bench_send_ab');
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  output: 'quiet',
  readyTimeoutMs: 900_000,
  env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: `sendab${Date.now().toString(36)}` },
  serviceEnv: DRIVEN_STACK_LIMITS,
});
try {
  const api = benchClient(stack.gatewayUrl);
  const users = await api.signUpMany(CLIENTS * 2);
  await walletKnows(databaseUrl, users.map((u) => u.id));
  await Promise.all(users.map((u) => api.deposit(u, 1_000_000)));
  const payers = users.slice(0, CLIENTS);
  const payees = users.slice(CLIENTS);
  const rows: [string, string][] = [];
  const byVariant = new Map<string, { tps: number[]; wallet: number[]; gateway: number[] }>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of variants) {
      await switchWallet(stack, variant, round);
      // A short warm-up: the restarted wallet's first requests compile and fill its pool.
      await sendLoad(api, { payers, payeeOf: (i) => payees[i] as BenchUser, seconds: 2, databaseUrl, stack });
      const r = await sendLoad(api, { payers, payeeOf: (i) => payees[i] as BenchUser, seconds: SECONDS, databaseUrl, stack });
      const seen = byVariant.get(variant.name) ?? { tps: [], wallet: [], gateway: [] };
      seen.tps.push(r.tps);
      seen.wallet.push(r.cpuMsPerSend.wallet ?? 0);
      seen.gateway.push(r.cpuMsPerSend.gateway ?? 0);
      byVariant.set(variant.name, seen);
      const failed = r.errors > 0 ? `, ${r.errors} failed ${JSON.stringify(r.refusals)}` : '';
      rows.push([
        `round ${round} ${variant.name} (load ${r.load})`,
        `${r.tps.toFixed(0)}/s · CPU ms/send gateway ${(r.cpuMsPerSend.gateway ?? 0).toFixed(2)}, wallet ${(r.cpuMsPerSend.wallet ?? 0).toFixed(2)}${failed}`,
      ]);
      console.error(rows.at(-1)?.join(': '));
    }
  }
  for (const [name, v] of byVariant) {
    rows.push([`median ${name}`, `${median(v.tps).toFixed(0)}/s · CPU ms/send gateway ${median(v.gateway).toFixed(2)}, wallet ${median(v.wallet).toFixed(2)}`]);
  }
  rows.push(['load average at the end', loadAverage()]);
  printTable('bench/send-ab', rows);
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
}
