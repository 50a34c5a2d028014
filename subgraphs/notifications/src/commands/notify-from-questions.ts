import type { EventHandler, PayloadOf, questionAnswered, questionAsked } from '@sx/events';
import { questionAnsweredNotifications, questionAskedNotifications } from '../domain/question-notifications.js';
import { storeNotifications, type NotifySettings } from './store-notifications.js';

/** tasks.question.asked → QUESTION_ASKED for the poster. */
export const notifyQuestionAsked =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof questionAsked>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, questionAskedNotifications(event.data), settings);

/** tasks.question.answered → QUESTION_ANSWERED for the asker. */
export const notifyQuestionAnswered =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof questionAnswered>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, questionAnsweredNotifications(event.data), settings);
