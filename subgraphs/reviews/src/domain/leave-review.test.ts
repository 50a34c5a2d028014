import { describe, expect, it } from 'vitest';
import { Forbidden } from '@sx/core';
import { subjectOfReview, TaskNotYetReviewable, type CompletedTask } from './leave-review.js';

const task: CompletedTask = {
  taskId: '0b5f5f0e-6a43-4c1e-9d0e-2f4b9a7c1d11',
  posterId: '11111111-1111-4111-8111-111111111111',
  assigneeId: '22222222-2222-4222-8222-222222222222',
  completedAt: new Date('2026-01-31T17:00:00.000Z'),
};

describe('subjectOfReview', () => {
  it('makes the poster review the assignee and the assignee review the poster', () => {
    expect(subjectOfReview(task, task.taskId, task.posterId)).toBe(task.assigneeId);
    expect(subjectOfReview(task, task.taskId, task.assigneeId)).toBe(task.posterId);
  });

  it('forbids anyone else to review the task', () => {
    expect(() => subjectOfReview(task, task.taskId, '33333333-3333-4333-8333-333333333333')).toThrow(Forbidden);
  });

  it('answers a task the replica does not know as completed with a retryable conflict', () => {
    let caught: unknown;
    try {
      subjectOfReview(null, task.taskId, task.posterId);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TaskNotYetReviewable);
    expect((caught as TaskNotYetReviewable).code).toBe('CONFLICT');
    expect((caught as TaskNotYetReviewable).reason).toBe('TASK_NOT_COMPLETED');
    expect((caught as TaskNotYetReviewable).extra).toEqual({ retryable: true });
    expect((caught as Error).message).toContain('may take a moment after completion');
  });
});
