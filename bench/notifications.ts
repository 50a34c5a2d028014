/**
 * bench/notifications — domain events → in-app notifications per second, and emails per second
 * through a real SMTP server, each beside the rate the events were published at.
 *
 *   npm run bench:notifications [-- --events 2000 --users 200 --no-results]
 *
 * Runs the notifications service alone (its own fresh database, NATS namespace and mail
 * catcher: smtp-server + mailparser on free ports) and publishes `wallet.money.sent` events as
 * wallet would; each makes one MONEY_RECEIVED notification and one email.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { moneySent, subjectOf, userSignedUp, type AnyEventDefinition, type PayloadOf } from '@sx/events';
import { launchStack, startMailCatcher } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase, eventEnvelope } from '@sx/testkit';
import { printTable } from './report.js';
import { machineLine, writeResultsSection } from './results-file.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '2000' }, users: { type: 'string', default: '200' }, 'no-results': { type: 'boolean', default: false } },
});
const EVENTS = Number(values.events);
const USERS = Number(values.users);
const namespace = `benchn${Date.now().toString(36)}`;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function waitFor(what: string, read: () => Promise<number> | number, target: number, timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await read()) >= target) return performance.now();
    if (Date.now() > deadline) throw new Error(`${what}: ${await read()} of ${target} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Publishes envelopes in windows of 500 acks; answers the publish rate. */
async function publishAll<D extends AnyEventDefinition>(js: ReturnType<typeof jetstream>, def: D, payloads: PayloadOf<D>[]): Promise<number> {
  const start = performance.now();
  for (let sent = 0; sent < payloads.length; sent += 500) {
    await Promise.all(
      payloads.slice(sent, sent + 500).map((data) => {
        const envelope = eventEnvelope(def, data);
        return js.publish(subjectOf(def.type, namespace), JSON.stringify(envelope), { msgID: envelope.id });
      }),
    );
  }
  return payloads.length / ((performance.now() - start) / 1000);
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const databaseUrl = await createFreshDatabase('sx_bench');
const catcher = await startMailCatcher();
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  only: ['notifications'],
  env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: namespace },
  serviceEnv: { notifications: { SMTP_URL: catcher.smtpUrl, EMAIL_POLL_MS: '50', EMAIL_BATCH: '50' } },
});
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const nc = await connect({ servers: natsUrl });
const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM notifications.${table}`)).rows[0].n);
try {
  const js = jetstream(nc);
  const users = Array.from({ length: USERS }, (_, i) => ({ id: randomUUID(), email: `bench${i}@example.test` }));
  await publishAll(js, userSignedUp, users.map((u) => ({ userId: u.id, roles: ['TASKER' as const], email: u.email, name: `Bench ${u.id.slice(0, 4)}` })));
  await waitFor('addresses known', () => count('recipients'), USERS);

  const sender = randomUUID();
  const sends = Array.from({ length: EVENTS }, (_, i) => ({
    transactionId: randomUUID(),
    senderId: sender,
    recipientId: users[i % USERS]?.id ?? sender,
    senderWalletId: randomUUID(),
    recipientWalletId: randomUUID(),
    amount: usd(100 + i),
    senderBalanceAfter: usd(1),
    recipientBalanceAfter: usd(100 + i),
    note: i % 2 === 0 ? 'thanks <3' : null,
  }));
  const start = performance.now();
  const publishRate = await publishAll(js, moneySent, sends);
  const notified = await waitFor('notifications stored', () => count('notifications'), EVENTS);
  const mailed = await waitFor('emails received', () => catcher.mails.length, EVENTS);
  const notificationsPerSecond = EVENTS / ((notified - start) / 1000);
  const emailsPerSecond = EVENTS / ((mailed - start) / 1000);
  const postgres = String((await client.query('SHOW server_version')).rows[0].server_version);

  const rows: [string, string][] = [
    ['events published (wallet.money.sent), each 1 notification + 1 email', String(EVENTS)],
    ['recipients', String(USERS)],
    ['event publish rate (events/s, JetStream acks)', publishRate.toFixed(0)],
    ['events → stored notifications per second', notificationsPerSecond.toFixed(0)],
    ['events → emails received by the SMTP server per second', emailsPerSecond.toFixed(0)],
    ['ratio: notifications/s ÷ event publish rate', (notificationsPerSecond / publishRate).toFixed(3)],
    ['ratio: emails/s ÷ event publish rate', (emailsPerSecond / publishRate).toFixed(3)],
  ];
  printTable('bench/notifications', rows);
  const markdown = [
    '## Notifications: events → feed and email (`npm run bench:notifications`)',
    '',
    machineLine(`PostgreSQL ${postgres}`),
    '',
    `The notifications service alone on a fresh database, its email sender polling every 50 ms in batches of 50, sending over SMTP (nodemailer, pooled) to an in-process smtp-server that parses each message with mailparser. Rates are measured from the first publish to the last notification stored / email received.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
  if (!values['no-results']) writeResultsSection('notifications', markdown);
} finally {
  await nc.close();
  await client.end();
  await stack.stop();
  await catcher.stop();
  await dropDatabase(databaseUrl);
  await deleteStreams(namespace, natsUrl);
}
