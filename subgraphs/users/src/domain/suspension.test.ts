import { describe, expect, it } from 'vitest';
import { decideSuspension, parseSuspensionReason, rolesWithAdmin } from './suspension.js';

const admin = '11111111-1111-4111-8111-111111111111';
const user = '22222222-2222-4222-8222-222222222222';

describe('suspension rules', () => {
  it('suspends someone else, and leaves a suspended account as it is', () => {
    expect(decideSuspension({ adminId: admin, targetId: user, suspended: false })).toBe('suspend');
    expect(decideSuspension({ adminId: admin, targetId: user, suspended: true })).toBe('unchanged');
  });

  it('refuses an administrator suspending themself', () => {
    expect(() => decideSuspension({ adminId: admin, targetId: admin, suspended: false })).toThrow(expect.objectContaining({ reason: 'CANNOT_SUSPEND_SELF' }));
  });

  it('trims the reason and bounds it to 1–500 characters', () => {
    expect(parseSuspensionReason('  spam  ')).toBe('spam');
    expect(() => parseSuspensionReason('   ')).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
    expect(parseSuspensionReason('x'.repeat(500))).toHaveLength(500);
    expect(() => parseSuspensionReason('x'.repeat(501))).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
  });
});

describe('granting and revoking ADMIN', () => {
  it('adds or removes ADMIN and keeps the other roles in order', () => {
    expect(rolesWithAdmin(['POSTER', 'TASKER'], true)).toEqual(['POSTER', 'TASKER', 'ADMIN']);
    expect(rolesWithAdmin(['POSTER', 'ADMIN', 'TASKER'], false)).toEqual(['POSTER', 'TASKER']);
  });

  it('answers null when nothing changes', () => {
    expect(rolesWithAdmin(['POSTER', 'ADMIN'], true)).toBeNull();
    expect(rolesWithAdmin(['TASKER'], false)).toBeNull();
  });

  it('refuses to leave an account with no role', () => {
    expect(() => rolesWithAdmin(['ADMIN'], false)).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
  });
});
