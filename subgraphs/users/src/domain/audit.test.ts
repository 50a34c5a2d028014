import { describe, expect, it } from 'vitest';
import { auditFilterMatchesNothing, parseAuditFilter, userAudit } from './audit.js';

describe('audit entries and filters', () => {
  it('makes a user entry from its source', () => {
    expect(userAudit('USER_SUSPENDED', { actorId: 'a', requestId: 'r' }, 'u', 'spam')).toEqual({
      action: 'USER_SUSPENDED',
      actorId: 'a',
      targetKind: 'USER',
      targetId: 'u',
      details: 'spam',
      requestId: 'r',
    });
  });

  it('lower-cases ids, drops an empty action list, and refuses an inverted range', () => {
    const filter = parseAuditFilter({ actorId: 'ABC', actions: [] });
    expect(filter).toEqual({ actions: null, actorId: 'abc', targetId: null, from: null, to: null });
    expect(() => parseAuditFilter({ from: new Date('2026-02-01'), to: new Date('2026-01-01') })).toThrow(expect.objectContaining({ reason: 'INVALID_INPUT' }));
  });

  it('matches nothing for an id no row can have, instead of sending it to SQL', () => {
    expect(auditFilterMatchesNothing(parseAuditFilter({ targetId: 'not-a-uuid' }))).toBe(true);
    expect(auditFilterMatchesNothing(parseAuditFilter({ targetId: '22222222-2222-4222-8222-222222222222' }))).toBe(false);
  });
});
