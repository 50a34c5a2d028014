import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '@sx/core';
import { assertCanListUserBids, canSeeAcceptFailure, canSeeBid, taskBidsScope } from './bid-visibility.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const PAULA = '33333333-3333-4333-8333-333333333333';
const alice: Identity = { userId: ALICE, roles: ['TASKER'], ip: null };
const paula: Identity = { userId: PAULA, roles: ['POSTER'], ip: null };
const admin: Identity = { userId: BOB, roles: ['ADMIN'], ip: null };

describe('taskBidsScope', () => {
  it('lets an admin list every bid on a task', () => {
    expect(taskBidsScope(admin)).toEqual({ kind: 'all' });
  });

  it('narrows a signed-in user to the bids they may see (their own, or all on tasks they posted)', () => {
    expect(taskBidsScope(alice)).toEqual({ kind: 'viewer', userId: ALICE });
  });

  it('shows an anonymous caller no bids', () => {
    expect(taskBidsScope(ANONYMOUS)).toEqual({ kind: 'none' });
  });
});

describe('canSeeBid', () => {
  const bid = { taskerId: ALICE, posterId: PAULA };

  it('shows a bid to the tasker who placed it, the poster of its task and admins', () => {
    expect(canSeeBid(alice, bid)).toBe(true);
    expect(canSeeBid(paula, bid)).toBe(true);
    expect(canSeeBid(admin, bid)).toBe(true);
  });

  it('hides a bid from other users and anonymous callers', () => {
    expect(canSeeBid({ ...alice, userId: BOB, roles: ['TASKER'] }, bid)).toBe(false);
    expect(canSeeBid(ANONYMOUS, bid)).toBe(false);
  });

  it('shows a bid on a task bidding does not know yet only to its tasker and admins', () => {
    expect(canSeeBid(alice, { taskerId: ALICE, posterId: null })).toBe(true);
    expect(canSeeBid(paula, { taskerId: ALICE, posterId: null })).toBe(false);
    expect(canSeeBid(ANONYMOUS, { taskerId: ALICE, posterId: null })).toBe(false);
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

describe('canSeeAcceptFailure', () => {
  it('shows why an accept failed to the task’s poster and admins', () => {
    expect(canSeeAcceptFailure(paula, PAULA)).toBe(true);
    expect(canSeeAcceptFailure(admin, PAULA)).toBe(true);
  });

  it('hides it from the tasker (it is about the poster’s money), others and anonymous callers', () => {
    expect(canSeeAcceptFailure(alice, PAULA)).toBe(false);
    expect(canSeeAcceptFailure(ANONYMOUS, PAULA)).toBe(false);
    expect(canSeeAcceptFailure(ANONYMOUS, null)).toBe(false);
  });
});
