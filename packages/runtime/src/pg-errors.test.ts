import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './pg-errors.js';

const violation = { code: '23505', constraint: 'reviews_task_author_unique' };

describe('isUniqueViolation', () => {
  it('recognises the violation of the named index, also when wrapped in cause (as drizzle does)', () => {
    expect(isUniqueViolation(violation, 'reviews_task_author_unique')).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: violation }), 'reviews_task_author_unique')).toBe(true);
  });

  it('does not mistake another constraint, another error code or a plain error for it', () => {
    expect(isUniqueViolation({ ...violation, constraint: 'outbox_id_unique' }, 'reviews_task_author_unique')).toBe(false);
    expect(isUniqueViolation({ ...violation, code: '23514' }, 'reviews_task_author_unique')).toBe(false);
    expect(isUniqueViolation(new Error('boom'), 'reviews_task_author_unique')).toBe(false);
    expect(isUniqueViolation(undefined, 'reviews_task_author_unique')).toBe(false);
  });
});
