import { describe, expect, it } from 'vitest';
import { QUOTE_MAX_CHARS, questionAnsweredNotifications, questionAskedNotifications } from './question-notifications.js';
import { reviewLeftNotifications } from './task-notifications.js';

const ids = { taskId: 'task', posterId: 'poster', askerId: 'asker' };

describe('question notifications', () => {
  it('tells the poster of a question, quoting it', () => {
    expect(questionAskedNotifications({ ...ids, text: 'Is parking free?' })).toEqual([
      {
        recipientId: 'poster',
        kind: 'QUESTION_ASKED',
        title: 'New question on your task',
        body: 'Someone asked: “Is parking free?” Your answer is public on the task page.',
        taskId: 'task',
        bidId: null,
        paymentId: null,
      },
    ]);
  });

  it('tells the asker of the answer, quoting at most 200 characters of it', () => {
    const [told] = questionAnsweredNotifications({ ...ids, answer: 'x'.repeat(500) });
    expect(told).toMatchObject({ recipientId: 'asker', kind: 'QUESTION_ANSWERED', taskId: 'task' });
    expect(told?.body).toBe(`The poster answered: “${'x'.repeat(QUOTE_MAX_CHARS - 1)}…”`);
  });

  it('tells nobody when the asker is the poster (the API refuses that; an old or forged event must not notify)', () => {
    expect(questionAskedNotifications({ ...ids, askerId: 'poster', text: 'Hi?' })).toEqual([]);
    expect(questionAnsweredNotifications({ ...ids, askerId: 'poster', answer: 'Hi.' })).toEqual([]);
  });
});

describe('review notifications under blind reviews', () => {
  it('tells the subject a review exists without giving away its rating', () => {
    const [told] = reviewLeftNotifications({ taskId: 'task', subjectId: 'subject' });
    expect(told).toMatchObject({ recipientId: 'subject', kind: 'REVIEW_RECEIVED' });
    expect(told?.body).not.toMatch(/\d out of 5|rated/);
    expect(told?.body).toContain('Leave your review to see theirs');
  });
});
