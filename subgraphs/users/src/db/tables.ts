import { check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';

export const usersSchema = pgSchema('users');

/** A person using the platform. The database repeats the domain's bounds so a bug fails loudly. */
export const users = usersSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored normalized (trimmed, lower-case). */
    email: text('email').notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    roles: text('roles').array().notNull(),
    bio: text('bio'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while an administrator has the account suspended: it cannot sign in. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
  },
  (t) => [
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    check('users_email_normalized', sql`${t.email} = lower(btrim(${t.email}))`),
    check('users_roles_valid', sql`cardinality(${t.roles}) >= 1 AND ${t.roles} <@ ARRAY['POSTER','TASKER','ADMIN']::text[]`),
    check('users_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 100`),
    check('users_bio_length', sql`${t.bio} IS NULL OR char_length(${t.bio}) <= 1000`),
    check('users_skills_count', sql`cardinality(${t.skills}) <= 20`),
    check('users_suspension_whole', sql`(${t.suspendedAt} IS NULL) = (${t.suspensionReason} IS NULL)`),
  ],
);

/**
 * The append-only audit log: admin actions and security-relevant user actions, each written in
 * the transaction of the change it records. A trigger (migration 0003) refuses UPDATE, DELETE
 * and TRUNCATE, so no code path can rewrite it. `occurred_at` has millisecond precision because
 * cursors carry a JS Date.
 */
export const auditLog = usersSchema.table(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    action: text('action').notNull(),
    /** null: the system (the admin CLI, a job). */
    actorId: uuid('actor_id'),
    targetKind: text('target_kind').notNull(),
    targetId: uuid('target_id').notNull(),
    details: text('details'),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_time_idx').on(t.occurredAt, t.id),
    index('audit_log_target_idx').on(t.targetId, t.occurredAt),
    index('audit_log_actor_idx').on(t.actorId, t.occurredAt),
    check(
      'audit_log_action_valid',
      sql`${t.action} IN ('SIGNED_IN','PASSWORD_CHANGED','PROFILE_UPDATED','ROLE_GRANTED','ROLE_REVOKED','USER_SUSPENDED','USER_UNSUSPENDED','TASK_HIDDEN','TASK_UNHIDDEN')`,
    ),
    check('audit_log_target_kind_valid', sql`${t.targetKind} IN ('USER','TASK')`),
    check('audit_log_details_length', sql`${t.details} IS NULL OR char_length(${t.details}) <= 2000`),
  ],
);

/**
 * Rotating refresh tokens. Only a sha256 of the token is kept, so a leaked table cannot be
 * replayed. All tokens descending from one sign-in share a family, revoked together on reuse.
 */
export const refreshTokens = usersSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the token was rotated; presenting it again is reuse. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The token issued in its place. */
    replacedBy: uuid('replaced_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_unique').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
    check('refresh_tokens_replaced_when_used', sql`(${t.replacedBy} IS NULL) OR (${t.usedAt} IS NOT NULL)`),
  ],
);

/** Events users publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(usersSchema);
export const inbox = inboxTable(usersSchema);
export const deadLetters = deadLetterTable(usersSchema);

export type UserRecord = typeof users.$inferSelect;
/** A user as resolvers see it: never the password hash. */
export type UserRow = Omit<UserRecord, 'passwordHash'>;
export type AuditRow = typeof auditLog.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
