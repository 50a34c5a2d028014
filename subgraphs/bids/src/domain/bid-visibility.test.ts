import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '@sx/runtime';
import { assertCanListUserBids, canSeeBid, taskBidsScope } from './bid-visibility.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const alice: Identity = { userId: ALICE, roles: ['TASKER'], ip: null };
const admin: Identity = { userId: BOB, roles: ['ADMIN'], ip: null };

describe('taskBidsScope', () => {
  it('lets an admin list every bid on a task', () => {
    expect(taskBidsScope(admin)).toEqual({ kind: 'all' });
  });

  it('limits a signed-in user to their own bids', () => {
    expect(taskBidsScope(alice)).toEqual({ kind: 'tasker', taskerId: ALICE });
  });

  it('shows an anonymous caller no bids', () => {
    expect(taskBidsScope(ANONYMOUS)).toEqual({ kind: 'none' });
  });
});

describe('canSeeBid', () => {
  it('shows a bid to the tasker who placed it and to admins only', () => {
    expect(canSeeBid(alice, { taskerId: ALICE })).toBe(true);
    expect(canSeeBid(admin, { taskerId: ALICE })).toBe(true);
    expect(canSeeBid(alice, { taskerId: BOB })).toBe(false);
    expect(canSeeBid(ANONYMOUS, { taskerId: ALICE })).toBe(false);
  });
});

describe('assertCanListUserBids', () => {
  it('lets users list their own bids and admins anyone’s', () => {
    expect(() => assertCanListUserBids(alice, ALICE)).not.toThrow();
    expect(() => assertCanListUserBids(admin, ALICE)).not.toThrow();
  });

  it("refuses another user's bids with FORBIDDEN", () => {
    expect(() => assertCanListUserBids(alice, BOB)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('asks an anonymous caller to sign in', () => {
    expect(() => assertCanListUserBids(ANONYMOUS, ALICE)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
