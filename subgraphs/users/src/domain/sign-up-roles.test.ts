import { describe, expect, it } from 'vitest';
import { parseSignUpRoles } from './sign-up-roles.js';

describe('sign-up roles', () => {
  it('makes a person both poster and tasker when no roles are given', () => {
    expect(parseSignUpRoles(undefined)).toEqual(['POSTER', 'TASKER']);
    expect(parseSignUpRoles(null)).toEqual(['POSTER', 'TASKER']);
  });

  it('keeps the chosen roles once each', () => {
    expect(parseSignUpRoles(['TASKER', 'TASKER'])).toEqual(['TASKER']);
  });

  it('refuses ADMIN with FORBIDDEN', () => {
    expect(() => parseSignUpRoles(['POSTER', 'ADMIN'])).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses an empty list with BAD_USER_INPUT', () => {
    expect(() => parseSignUpRoles([])).toThrowError(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
