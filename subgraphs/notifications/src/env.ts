import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  /** smtp://user:pass@host:port (smtps:// for TLS). Absent: no email is queued or sent; the in-app feed still works. */
  SMTP_URL: z.string().url().optional(),
  /** The From header of every email. */
  MAIL_FROM: z.string().min(3).default('Service Exchange <no-reply@service-exchange.local>'),
  /** Where the web app is: emails link to it (the notification, the unsubscribe page). */
  APP_URL: z.string().url().default('http://localhost:5173'),
  /** Pause between two runs of the email sender when nothing is due. */
  EMAIL_POLL_MS: ms(1_000),
  /** Emails one sender run claims at most. */
  EMAIL_BATCH: ms(20),
  /** Tries per email before it is recorded as FAILED. */
  EMAIL_MAX_ATTEMPTS: ms(6),
  /** First retry delay after a temporary failure; it doubles per attempt up to EMAIL_RETRY_MAX_MS. */
  EMAIL_RETRY_BASE_MS: ms(30_000),
  EMAIL_RETRY_MAX_MS: ms(3_600_000),
  /** How long a claimed email is left to its sender before another instance may take it over (a crash mid-send). */
  EMAIL_LEASE_MS: ms(60_000),
  /** Pause between two runs of the reminders job. */
  REMINDERS_INTERVAL_MS: ms(60_000),
  /** The tasks service's auto-release delay (same variables, same meaning): the poster is warned 24 h before. */
  AUTO_RELEASE_DAYS: z.coerce.number().min(0).max(365).default(7),
  AUTO_RELEASE_AFTER_MS: z.coerce.number().int().min(0).optional(),
});

export type NotificationsConfig = z.infer<typeof envSchema>;
