import { baseEnvSchema, ensureDatabase, loadConfig } from '@sx/runtime';
import path from 'node:path';
import { launchStack, localSecrets, REPO_ROOT } from '@sx/stack';
import { ensureGraphiqlBuild } from './build-apps.js';

// `npm start`: one command that brings up the whole supergraph on a developer machine.
const config = loadConfig(baseEnvSchema);
await ensureDatabase(config.DATABASE_URL);
await ensureGraphiqlBuild(); // the gateway serves it at /graphql; quick when already built
// This install's own secrets, generated on the first start (docs/security.md, "Secrets").
const secretsFile = path.join(REPO_ROOT, '.env.local');
const { secrets, created } = localSecrets(secretsFile);
if (created) process.stdout.write(`Generated this install's secrets into ${secretsFile} (mode 0600, git-ignored).\n`);
const stack = await launchStack({ databaseUrl: config.DATABASE_URL, output: 'inherit', secrets });
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
