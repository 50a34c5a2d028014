import { randomUUID } from 'node:crypto';
import type { Db, Logger } from '@sx/runtime';
import { claimReminder, findReminderCandidates } from '../db/tracked-task-queries.js';
import {
  autoReleaseSoonNotifications,
  dueSoonNotifications,
  isAutoReleaseSoon,
  isDueSoon,
  REMINDER_WINDOW_MS,
} from '../domain/reminders.js';
import { storeNotifications, type NotifySettings } from './store-notifications.js';

export interface ReminderSettings extends NotifySettings {
  db: Db;
  /** The tasks service's auto-release delay (AUTO_RELEASE_DAYS / AUTO_RELEASE_AFTER_MS, the same settings). */
  autoReleaseAfterMs: number;
}

/**
 * One run of the reminders job: for each task whose reminder is due, claims (task, kind) and, if
 * this run won the claim, stores the notifications (and emails) in the same transaction. Two
 * instances racing send each reminder once.
 */
export async function sendReminders(s: ReminderSettings, log: Logger, now = new Date()): Promise<number> {
  return s.db.transaction(async (tx) => {
    const candidates = await findReminderCandidates(tx, { now, windowMs: REMINDER_WINDOW_MS, autoReleaseAfterMs: s.autoReleaseAfterMs });
    let sent = 0;
    for (const task of candidates) {
      const plans = [
        { kind: 'TASK_DUE_SOON', due: isDueSoon(task, now), drafts: () => dueSoonNotifications(task) },
        { kind: 'AUTO_RELEASE_SOON', due: isAutoReleaseSoon(task, now, s.autoReleaseAfterMs), drafts: () => autoReleaseSoonNotifications(task) },
      ];
      for (const plan of plans) {
        if (!plan.due || !(await claimReminder(tx, task.taskId, plan.kind))) continue;
        // A reminder has no domain event behind it: its own id keys the notifications and emails.
        await storeNotifications(tx, { id: randomUUID(), type: `reminder.${plan.kind}` }, log, plan.drafts(), s);
        sent += 1;
      }
    }
    if (sent > 0) log.info({ reminders: sent }, 'reminders sent');
    return sent;
  });
}
