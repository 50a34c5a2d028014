import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { AUTH, PASSWORD, freshIp, post, uniqueEmail } from './edge-harness.js';

// F5 and F6 of issue 14: sign-in limits count failures only, per (account, address), per
// address and per account, so an attacker never locks the owner out, and a crowd behind one
// NAT is never limited for signing in. The users subgraph runs with its default limits here:
// 5 failures per (account, address), 50 per address, backoff after 20 per account.

const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${AUTH} } }`;

// A gateway behind a trusted proxy (TRUST_PROXY=loopback): X-Forwarded-For names the client.
let proxied: RunningGateway;
beforeAll(async () => {
  proxied = await startTestGateway({ TRUST_PROXY: 'loopback' });
});
afterAll(() => proxied?.stop());

const signIn = (email: string, password: string, ip: string) => post<{ signIn: { user: { id: string } } }>(proxied.url, { query: SIGN_IN, variables: { email, password } }, { ip });

describe('sign-in limits', () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await signUpUser();
  });

  it('refuses the sixth guess from one address with RATE_LIMITED, retryAfterSeconds and a Retry-After header', async () => {
    const attacker = freshIp();
    const { email } = await signUpUser();
    for (let i = 1; i <= 5; i++) expect((await signIn(email, `guess ${i}`, attacker)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await signIn(email, `guess 6`, attacker);
    const seconds = limited.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
    expect(seconds).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after')).toBe(String(seconds));
  });

  it('lets the owner in from another address after five wrong passwords from anywhere else (F5)', async () => {
    const attacker = freshIp();
    for (let i = 1; i <= 6; i++) await signIn(owner.email, `guess ${i}`, attacker);
    const res = await signIn(owner.email, PASSWORD, freshIp());
    expect(res.errors).toBeUndefined();
    expect(res.data?.signIn.user.id).toBe(owner.id);
  });

  it('slows a distributed guesser down per account, while the owner signs in from an address they used before', async () => {
    const { email, id } = await signUpUser();
    const home = freshIp();
    expect((await signIn(email, PASSWORD, home)).errors).toBeUndefined();
    // 20 addresses, one guess each: no (account, address) bucket fills, the account's does.
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(email, `botnet guess ${i}`, freshIp())));
    expect(guesses.every((g) => g.errors?.[0]?.extensions?.reason === 'WRONG_CREDENTIALS')).toBe(true);

    // From here each guess waits a backoff that doubles (1 s, 2 s, 4 s, …): within a few more
    // guesses one comes too soon, however slowly this machine ran the first twenty.
    let limited: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 21; i <= 30 && !limited; i++) {
      const next = await signIn(email, `botnet guess ${i}`, freshIp());
      if (next.errors?.[0]?.extensions?.code === 'RATE_LIMITED') limited = next;
    }
    expect(limited?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
    // A backoff of seconds, not a lockout of a quarter of an hour.
    expect(limited?.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);

    const atHome = await signIn(email, PASSWORD, home);
    expect(atHome.errors).toBeUndefined();
    expect(atHome.data?.signIn.user.id).toBe(id);
  });

  it('never limits successes: 30 people behind one NAT sign in one after another (F6)', async () => {
    const nat = freshIp();
    const people = await Promise.all(Array.from({ length: 6 }, () => signUpUser()));
    for (let round = 0; round < 5; round++) {
      for (const person of people) {
        const res = await signIn(person.email, PASSWORD, nat);
        expect(res.errors).toBeUndefined();
      }
    }
  });

  it('counts the address a trusted proxy forwards (X-Forwarded-For), so one client behind it does not limit another (F6)', async () => {
    const spraying = freshIp();
    for (let i = 1; i <= 50; i++) await signIn(uniqueEmail(`spray${i}`), PASSWORD, spraying);
    const sprayer = await signIn(owner.email, PASSWORD, spraying);
    expect(sprayer.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(sprayer.errors?.[0]?.message).toContain('from your network');

    // Another client of the same proxy, and the owner there, are not affected.
    expect((await signIn(owner.email, PASSWORD, freshIp())).errors).toBeUndefined();
  });
});
