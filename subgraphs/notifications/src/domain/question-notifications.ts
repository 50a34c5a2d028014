import type { NotificationDraft } from './notification-kind.js';

/** How much of a question or an answer a notification quotes; the task page shows the rest. */
export const QUOTE_MAX_CHARS = 200;

function quoted(text: string): string {
  const chars = [...text.trim()];
  return chars.length > QUOTE_MAX_CHARS ? `“${chars.slice(0, QUOTE_MAX_CHARS - 1).join('')}…”` : `“${chars.join('')}”`;
}

const about = (taskId: string) => ({ taskId, bidId: null, paymentId: null });

/** tasks.question.asked: the poster hears of the question (the asker is never told of their own). */
export function questionAskedNotifications(q: { taskId: string; posterId: string; askerId: string; text: string }): NotificationDraft[] {
  if (q.posterId === q.askerId) return [];
  return [
    {
      recipientId: q.posterId,
      kind: 'QUESTION_ASKED',
      title: 'New question on your task',
      body: `Someone asked: ${quoted(q.text)} Your answer is public on the task page.`,
      ...about(q.taskId),
    },
  ];
}

/** tasks.question.answered: the asker hears the answer. */
export function questionAnsweredNotifications(q: { taskId: string; posterId: string; askerId: string; answer: string }): NotificationDraft[] {
  if (q.posterId === q.askerId) return [];
  return [
    {
      recipientId: q.askerId,
      kind: 'QUESTION_ANSWERED',
      title: 'Your question was answered',
      body: `The poster answered: ${quoted(q.answer)}`,
      ...about(q.taskId),
    },
  ];
}
