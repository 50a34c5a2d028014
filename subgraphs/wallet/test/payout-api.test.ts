import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { errorCode, subgraphGql } from '@sx/testkit';
import { payoutDestinations, providerDestinations } from '../src/db/tables.js';
import { dataOf } from './wallet-api.js';
import { forgetDestinations, newTasker, openPayoutDb, RUNS, setDestinationRaw, VALID_IBAN } from './payout-fixture.js';

const { db, close } = openPayoutDb();
const made: string[] = [];
afterAll(async () => {
  await forgetDestinations(db, made);
  await close();
});

const destinationOf = (viewerId: string, userId: string) =>
  subgraphGql<{ _entities: { payoutDestination: { holderName: string; accountNumberMasked: string } | null }[] }>(
    'wallet',
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { payoutDestination { holderName accountNumberMasked } } } }`,
    { reps: [{ __typename: 'User', id: userId }] },
    { userId: viewerId, roles: ['TASKER', 'ADMIN'] },
  );

describe('setPayoutDestination', () => {
  it('stores the account at the provider and shows its owner only a mask', async () => {
    const userId = newTasker();
    made.push(userId);
    const res = dataOf(await setDestinationRaw(userId, { holderName: ' Ada  Lovelace ', accountNumber: VALID_IBAN }));
    expect(res.setPayoutDestination).toMatchObject({ holderName: 'Ada Lovelace', accountNumberMasked: 'GB•••• 5432' });

    const [stored] = await db.select().from(payoutDestinations).where(eq(payoutDestinations.userId, userId));
    const [atProvider] = await db.select().from(providerDestinations).where(eq(providerDestinations.userId, userId));
    expect(atProvider).toMatchObject({ accountNumber: 'GB82WEST12345698765432', holderName: 'Ada Lovelace' });
    expect(stored?.providerRef).toBe(atProvider?.id);
    expect(JSON.stringify(stored)).not.toContain('12345698765432');

    expect(dataOf(await destinationOf(userId, userId))._entities[0]?.payoutDestination).toEqual({ holderName: 'Ada Lovelace', accountNumberMasked: 'GB•••• 5432' });
    // Not even an admin sees another user's destination.
    expect(dataOf(await destinationOf(newTasker(), userId))._entities[0]?.payoutDestination).toBeNull();
  });

  it('refuses a caller without the TASKER role, and an account number failing the check digits, storing nothing', async () => {
    const userId = newTasker();
    const poster = await setDestinationRaw(userId, { holderName: 'P', accountNumber: VALID_IBAN }, ['POSTER']);
    expect(errorCode(poster)).toBe('FORBIDDEN');
    const typo = await setDestinationRaw(userId, { holderName: 'T', accountNumber: 'GB82 WEST 1234 5698 7654 33' });
    expect(errorCode(typo)).toBe('BAD_USER_INPUT');
    expect(typo.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT', field: 'accountNumber' });
    expect(await db.select().from(payoutDestinations).where(eq(payoutDestinations.userId, userId))).toEqual([]);
    expect(await db.select().from(providerDestinations).where(eq(providerDestinations.userId, userId))).toEqual([]);
  });
});

describe('payoutRuns', () => {
  it('refuses everyone but admins', async () => {
    for (const roles of [['TASKER', 'POSTER'] as const, [] as const]) {
      const res = await subgraphGql('wallet', RUNS, { first: 1 }, roles.length ? { userId: newTasker(), roles: [...roles] } : {});
      expect(errorCode(res)).toBe(roles.length ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
    }
  });

});
