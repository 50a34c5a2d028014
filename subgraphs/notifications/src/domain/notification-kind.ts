/**
 * What a notification is about. The feed shows it, and (later) preferences and email templates
 * are keyed by it; the table's check constraint holds the same list.
 */
export const NOTIFICATION_KINDS = [
  'BID_RECEIVED',
  'BID_ACCEPTED',
  'BID_REJECTED',
  'PAYMENT_HELD',
  'PAYMENT_RELEASED',
  'PAYMENT_REFUNDED',
  'MONEY_RECEIVED',
  'TASK_ASSIGNED',
  'TASK_DONE',
  'TASK_COMPLETED',
  'TASK_CANCELLED',
  'REVIEW_RECEIVED',
  'TASK_DUE_SOON',
  'AUTO_RELEASE_SOON',
  'QUESTION_ASKED',
  'QUESTION_ANSWERED',
  'GROUP_INVITATION',
  'GROUP_TASK_ASSIGNED',
  'EXPENSE_ADDED',
  'SHARE_SETTLED',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification to store, as the rules decide it from one event. */
export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  /** One line, plain text. */
  title: string;
  /** A sentence or two, plain text; may quote user content (escaped where it is rendered as HTML). */
  body: string;
  taskId: string | null;
  bidId: string | null;
  paymentId: string | null;
}
