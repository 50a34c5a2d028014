import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { z } from 'zod';
import { baseEnvSchema, loadConfig } from '@sx/runtime';
import { ensureStreams, eventsEnvShape, replayOutbox, streamSettingsOf } from '@sx/events';

// `npm run events:replay -- --service tasks [--from 1] [--to 500]`: republish a service's outbox
// (e.g. after NATS lost its store). Safe to run twice: event ids are the JetStream message ids.
const { values } = parseArgs({
  options: { service: { type: 'string' }, from: { type: 'string', default: '1' }, to: { type: 'string' } },
});
if (!values.service) {
  process.stderr.write('usage: npm run events:replay -- --service <users|tasks|bids|wallet|reviews|notifications|groups> [--from SEQ] [--to SEQ]\n');
  process.exit(2);
}
const config = loadConfig(baseEnvSchema.extend(eventsEnvShape).extend({ PORT: z.coerce.number().default(0) }));
const nc = await connect({ servers: config.NATS_URL, name: 'replay-outbox' });
await ensureStreams(await jetstreamManager(nc), streamSettingsOf(config));
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
const result = await replayOutbox(pool, jetstream(nc), {
  service: values.service,
  fromSeq: Number(values.from),
  ...(values.to ? { toSeq: Number(values.to) } : {}),
  namespace: config.EVENTS_NAMESPACE,
});
process.stdout.write(`republished ${result.republished}, already in the stream ${result.duplicates}\n`);
await pool.end();
await nc.drain();
