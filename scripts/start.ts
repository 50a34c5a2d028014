import { baseEnvSchema, ensureDatabase, loadConfig } from '@sx/runtime';
import path from 'node:path';
import { launchStack, localSecrets, REPO_ROOT, startMailCatcher, type MailCatcher } from '@sx/stack';
import { ensureGraphiqlBuild } from './build-apps.js';

// `npm start`: one command that brings up the whole supergraph on a developer machine.
const config = loadConfig(baseEnvSchema);
await ensureDatabase(config.DATABASE_URL);
await ensureGraphiqlBuild(); // the gateway serves it at /graphql; quick when already built
// This install's own secrets, generated on the first start (docs/security.md, "Secrets").
const secretsFile = path.join(REPO_ROOT, '.env.local');
const { secrets, created } = localSecrets(secretsFile);
if (created) process.stdout.write(`Generated this install's secrets into ${secretsFile} (mode 0600, git-ignored).\n`);

// Outside production, and unless SMTP_URL names a real server, emails go to an embedded mail
// catcher whose page lists them, so a newcomer sees what the notifications service sends.
let mailCatcher: MailCatcher | null = null;
if (config.NODE_ENV !== 'production' && !process.env.SMTP_URL) {
  mailCatcher = await startMailCatcher({
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 8025),
  });
}
const stack = await launchStack({
  databaseUrl: config.DATABASE_URL,
  output: 'inherit',
  secrets,
  serviceEnv: mailCatcher ? { notifications: { SMTP_URL: mailCatcher.smtpUrl } } : {},
});
process.stdout.write(`\nService Exchange is up: ${stack.gatewayUrl}\n`);
if (mailCatcher) process.stdout.write(`Emails sent by the app: ${mailCatcher.httpUrl} (development mail catcher)\n`);
process.stdout.write('Press Ctrl-C to stop.\n\n');

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  Promise.all([stack.stop(), mailCatcher?.stop()]).then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
