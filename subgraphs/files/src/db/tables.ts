import { check, index, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import { ATTACHMENT_TYPES } from '@sx/file-storage';
import { PARENT_TYPES, UPLOAD_PURPOSES, UPLOAD_STATUSES } from '../domain/upload-state.js';

export const filesSchema = pgSchema('files');

const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One file, from the ticket that allows its upload to its deletion:
 * PENDING (ticket issued) → READY (bytes stored) → ATTACHED (to a parent) → DELETED (bytes
 * about to go; the sweeper removes them and then the row). The database holds the same
 * rules as domain/upload-state.ts, so a bug cannot attach bytes that were never stored.
 */
export const uploads = filesSchema.table(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    /** Unique per stored copy (id + random suffix): a second PUT racing the first never overwrites its bytes. */
    storageKey: text('storage_key'),
    parentType: text('parent_type'),
    parentId: uuid('parent_id'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    ticketExpiresAt: timestampMs('ticket_expires_at').notNull(),
    uploadedAt: timestampMs('uploaded_at'),
    attachedAt: timestampMs('attached_at'),
    deletedAt: timestampMs('deleted_at'),
  },
  (t) => [
    check('uploads_purpose', sql`${t.purpose} IN (${list(UPLOAD_PURPOSES)})`),
    check('uploads_status', sql`${t.status} IN (${list(UPLOAD_STATUSES)})`),
    check('uploads_content_type', sql`${t.contentType} IS NULL OR ${t.contentType} IN (${list(ATTACHMENT_TYPES)})`),
    check('uploads_parent_type', sql`${t.parentType} IS NULL OR ${t.parentType} IN (${list(PARENT_TYPES)})`),
    check('uploads_size', sql`${t.sizeBytes} IS NULL OR ${t.sizeBytes} > 0`),
    // Stored bytes exist from READY on (DELETED may be a PENDING that never got any).
    check('uploads_stored', sql`${t.status} NOT IN ('READY', 'ATTACHED') OR (${t.storageKey} IS NOT NULL AND ${t.contentType} IS NOT NULL AND ${t.sizeBytes} IS NOT NULL)`),
    check('uploads_attached', sql`${t.status} <> 'ATTACHED' OR (${t.parentType} IS NOT NULL AND ${t.parentId} IS NOT NULL AND ${t.attachedAt} IS NOT NULL)`),
    // Task.photos / Expense.receipt: a parent's attachments in order.
    index('uploads_parent_idx').on(t.parentType, t.parentId, t.attachedAt).where(sql`${t.status} = 'ATTACHED'`),
    // The sweeper: removed files, and uploads never attached.
    index('uploads_sweep_idx').on(t.status, t.createdAt).where(sql`${t.status} <> 'ATTACHED'`),
  ],
);

/**
 * The replica of each task as files needs it (tasks.task.posted, .hidden, .unhidden): only its
 * poster adds or removes photos, and while an administrator hides it, download URLs minted for
 * ordinary viewers stop working.
 */
export const taskPosters = filesSchema.table('task_posters', {
  taskId: uuid('task_id').primaryKey(),
  posterId: uuid('poster_id').notNull(),
  hiddenAt: timestampMs('hidden_at'),
});

/** The replica of each expense's payer and group (groups.expense.added): only the payer attaches its receipt. */
export const expensePayers = filesSchema.table('expense_payers', {
  expenseId: uuid('expense_id').primaryKey(),
  groupId: uuid('group_id').notNull(),
  payerId: uuid('payer_id').notNull(),
});

/** The replica of group membership (groups.member.joined / .left): a receipt's URL works only for a current member. */
// role: OWNER or MEMBER, from groups.member.joined (an owner never changes role: they cannot
// leave while others are in the group). The owner may remove any receipt of the group.
export const groupMembers = filesSchema.table('group_members', { groupId: uuid('group_id').notNull(), userId: uuid('user_id').notNull(), role: text('role').notNull().default('MEMBER') }, (t) => [
  primaryKey({ columns: [t.groupId, t.userId] }),
  check('group_members_role', sql`${t.role} IN ('OWNER', 'MEMBER')`),
]);

export const outbox = outboxTable(filesSchema);
export const inbox = inboxTable(filesSchema);
export const deadLetters = deadLetterTable(filesSchema);

export type UploadRow = typeof uploads.$inferSelect;
