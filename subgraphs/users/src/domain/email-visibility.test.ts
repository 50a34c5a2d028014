import { describe, expect, it } from 'vitest';
import { canSeeEmail } from './email-visibility.js';

const OWNER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

describe('email visibility', () => {
  it('shows the email to its owner', () => {
    expect(canSeeEmail({ userId: OWNER, roles: ['POSTER'] }, OWNER)).toBe(true);
  });

  it('shows the email to an administrator', () => {
    expect(canSeeEmail({ userId: OTHER, roles: ['ADMIN'] }, OWNER)).toBe(true);
  });

  it('hides the email from another user and from anonymous callers', () => {
    expect(canSeeEmail({ userId: OTHER, roles: ['POSTER', 'TASKER'] }, OWNER)).toBe(false);
    expect(canSeeEmail({ userId: null, roles: [] }, OWNER)).toBe(false);
  });

  it('shows the email to whoever was just issued a session for that user', () => {
    expect(canSeeEmail({ userId: null, roles: [] }, OWNER, true)).toBe(true);
  });
});
