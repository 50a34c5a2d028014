import { describe, expect, it } from 'vitest';
import { isPublicTaskEvent, TASK_EVENT_KINDS } from './live-events.js';

// Issue 17: disputes and withdrawals reach taskEvents subscribers, and only the right ones.
describe('live task events of disputes and withdrawals', () => {
  it('names each as a TaskEventKind', () => {
    expect(TASK_EVENT_KINDS['tasks.dispute.opened']).toBe('DISPUTED');
    expect(TASK_EVENT_KINDS['tasks.dispute.resolved']).toBe('DISPUTE_DECIDED');
    expect(TASK_EVENT_KINDS['tasks.dispute.dismissed']).toBe('DISPUTE_DECIDED');
    expect(TASK_EVENT_KINDS['tasks.task.withdrawn']).toBe('WITHDRAWN');
    // A message is the dispute's conversation, not a status change of the task.
    expect(TASK_EVENT_KINDS['tasks.dispute.message_added']).toBeUndefined();
  });

  it('keeps disputes to the parties and shows a reopened task to would-be bidders', () => {
    const data = { taskId: 't', posterId: 'p', assigneeId: 'a' };
    expect(isPublicTaskEvent({ type: 'tasks.dispute.opened', data })).toBe(false);
    expect(isPublicTaskEvent({ type: 'tasks.dispute.resolved', data })).toBe(false);
    expect(isPublicTaskEvent({ type: 'tasks.task.withdrawn', data })).toBe(true);
  });
});
