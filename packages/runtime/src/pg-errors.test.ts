import { describe, expect, it } from 'vitest';
import { isUniqueViolation, refuseUniqueViolation } from './pg-errors.js';

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

describe('refuseUniqueViolation', () => {
  const refusal = () => new Error('already reviewed');

  it('answers the refusal for a violation of the named index, and passes results through', async () => {
    await expect(refuseUniqueViolation(Promise.reject(new Error('Failed query', { cause: violation })), 'reviews_task_author_unique', refusal)).rejects.toThrow('already reviewed');
    await expect(refuseUniqueViolation(Promise.resolve(42), 'reviews_task_author_unique', refusal)).resolves.toBe(42);
  });

  it('rethrows any other error as it was', async () => {
    const other = { ...violation, constraint: 'outbox_id_unique' };
    await expect(refuseUniqueViolation(Promise.reject(other), 'reviews_task_author_unique', refusal)).rejects.toBe(other);
  });
});
