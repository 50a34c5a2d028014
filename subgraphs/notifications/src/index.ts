import type { Registry } from 'prom-client';
import { runEventService, type BackgroundJob } from '@sx/events';
import { subgraphIdentityKeys, type Db, type Logger } from '@sx/runtime';
import type { NotifySettings } from './commands/store-notifications.js';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type NotificationsConfig } from './env.js';
import { consumeBidEvents, consumeGroupEvents, consumeReviewEvents, consumeTaskEvents, consumeUserEvents, consumeWalletEvents } from './events/domain-handlers.js';
import { startEmailSender } from './jobs/email-sender.js';
import { startReminders } from './jobs/reminders.js';
import { createLoaders, type NotificationLoaders } from './loaders.js';
import { smtpTransport } from './mail/smtp-transport.js';
import { unsubscribeKey } from './mail/unsubscribe-token.js';
import { createResolvers } from './resolvers/index.js';

/** This subgraph's own identity key (the only one it is given): unsubscribe links are signed with a key derived from it. */
const ownIdentityKey = (config: NotificationsConfig): string => {
  const [key] = subgraphIdentityKeys(config, 'notifications');
  if (!key) throw new Error('notifications needs IDENTITY_KEY (or IDENTITY_SECRET) to sign unsubscribe links');
  return key;
};

/** Email is on exactly when SMTP_URL is set; links point at the web app. */
const settingsOf = (config: NotificationsConfig): NotifySettings => ({
  emailLinks: config.SMTP_URL ? { appUrl: config.APP_URL.replace(/\/$/, ''), unsubscribeKey: unsubscribeKey(ownIdentityKey(config)) } : null,
});

/** The email sender job and its SMTP transport, closed together. */
function emailSender(db: Db, log: Logger, smtpUrl: string, config: NotificationsConfig, registry: Registry): BackgroundJob {
  const transport = smtpTransport(smtpUrl, config.MAIL_FROM);
  const sender = startEmailSender({
    db,
    transport,
    log,
    registry,
    pollMs: config.EMAIL_POLL_MS,
    batch: config.EMAIL_BATCH,
    leaseMs: config.EMAIL_LEASE_MS,
    maxAttempts: config.EMAIL_MAX_ATTEMPTS,
    retryBaseMs: config.EMAIL_RETRY_BASE_MS,
    retryMaxMs: config.EMAIL_RETRY_MAX_MS,
  });
  return {
    stop: async () => {
      await sender.stop();
      await transport.close();
    },
  };
}

await runEventService<NotificationsConfig, NotificationLoaders>({
  name: 'notifications',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  // One durable consumer per domain it listens to: a slow or failing stream holds up only its own.
  consumers: [
    { name: 'notifications_from_users', domain: 'users', subscribe: (c, { config }) => consumeUserEvents(c, settingsOf(config)) },
    { name: 'notifications_from_tasks', domain: 'tasks', subscribe: (c, { config }) => consumeTaskEvents(c, settingsOf(config)) },
    { name: 'notifications_from_bids', domain: 'bids', subscribe: (c, { config }) => consumeBidEvents(c, settingsOf(config)) },
    { name: 'notifications_from_wallet', domain: 'wallet', subscribe: (c, { config }) => consumeWalletEvents(c, settingsOf(config)) },
    { name: 'notifications_from_reviews', domain: 'reviews', subscribe: (c, { config }) => consumeReviewEvents(c, settingsOf(config)) },
    { name: 'notifications_from_groups', domain: 'groups', subscribe: (c, { config }) => consumeGroupEvents(c, settingsOf(config)) },
  ],
  loaders: createLoaders,
  wire: async ({ db, config }) => ({
    resolvers: createResolvers({ db, emailLinks: settingsOf(config).emailLinks, unsubscribeKey: unsubscribeKey(ownIdentityKey(config)) }),
  }),
  jobs: ({ db, log, config, metrics }) => {
    const reminders = startReminders({
      db,
      log,
      ...settingsOf(config),
      intervalMs: config.REMINDERS_INTERVAL_MS,
      autoReleaseAfterMs: config.AUTO_RELEASE_AFTER_MS ?? config.AUTO_RELEASE_DAYS * 86_400_000,
    });
    if (!config.SMTP_URL) {
      log.warn('SMTP_URL is not set: notifications are in-app only, no email is sent');
      return [reminders];
    }
    return [reminders, emailSender(db, log, config.SMTP_URL, config, metrics.registry)];
  },
});
