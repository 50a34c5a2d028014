import { baseEnvSchema, ensureDatabase, loadConfig } from '@sx/runtime';
import { launchStack } from '@sx/stack';
import { ensureGraphiqlBuild } from './build-apps.js';

// `npm start`: one command that brings up the whole supergraph on a developer machine.
const config = loadConfig(baseEnvSchema);
await ensureDatabase(config.DATABASE_URL);
await ensureGraphiqlBuild(); // the gateway serves it at /graphql; quick when already built
const stack = await launchStack({ databaseUrl: config.DATABASE_URL, output: 'inherit' });
process.stdout.write(`\nService Exchange is up: ${stack.gatewayUrl}\nPress Ctrl-C to stop.\n\n`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  stack.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
