import { check, index, timestamp, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { usersSchema } from './tables.js';

/**
 * Single-use tokens mailed to a user: verifying the address, resetting the password. Only a
 * sha256 of each token is kept (it has 256 bits of entropy), so a leaked table opens nothing.
 */
export const accountTokens = usersSchema.table(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('account_tokens_purpose', sql`${t.purpose} IN ('VERIFY_EMAIL', 'RESET_PASSWORD')`),
    uniqueIndex('account_tokens_hash_unique').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.userId, t.purpose),
  ],
);

/** When a user proved they read mail at their address (a row exists once verified). */
export const emailVerifications = usersSchema.table('email_verifications', {
  userId: uuid('user_id').primaryKey(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
});
