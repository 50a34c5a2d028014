/** A small GraphQL client for the benchmarks, through the gateway like any app. */
export interface BenchUser {
  id: string;
  token: string;
}

interface Response<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

export function benchClient(url: string) {
  async function call<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Response<T>> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Response<T>;
  }
  async function ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await call<T>(query, variables, token);
    if (!res.data || res.errors?.length) throw new Error(JSON.stringify(res.errors));
    return res.data;
  }

  return {
    call,
    ok,
    async signUpMany(n: number): Promise<BenchUser[]> {
      const run = `${Date.now().toString(36)}`;
      const users: BenchUser[] = [];
      // Sequential-ish: argon2 is CPU-bound, parallel sign-ups only queue on two cores.
      for (let i = 0; i < n; i += 4) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(4, n - i) }, (_, j) =>
            ok<{ signUp: { accessToken: string; user: { id: string } } }>(
              `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`,
              { input: { email: `bench${i + j}.${run}@example.test`, password: 'bench password 123', name: `Bench ${i + j}`, roles: ['POSTER', 'TASKER'] } },
            ),
          ),
        );
        users.push(...batch.map((d) => ({ id: d.signUp.user.id, token: d.signUp.accessToken })));
      }
      return users;
    },
    async deposit(user: BenchUser, amountMinor: number): Promise<void> {
      await ok(
        `mutation($input: DepositInput!) { deposit(input: $input) { transaction { id } } }`,
        { input: { amount: { amount: amountMinor, currency: 'USD' }, idempotencyKey: crypto.randomUUID() } },
        user.token,
      );
    },
    /** Sends under a named operation, so the services' per-operation statement counters see it. */
    async sendMoney(from: BenchUser, to: BenchUser, amountMinor: number, operationName = 'BenchSend'): Promise<boolean> {
      return (await this.sendMoneyRefusal(from, to, amountMinor, operationName)) === null;
    },
    /** The send's error (reason or code, else the message), or null when it went through. */
    async sendMoneyRefusal(from: BenchUser, to: BenchUser, amountMinor: number, operationName = 'BenchSend'): Promise<string | null> {
      const res = await call(
        `mutation ${operationName}($input: SendMoneyInput!) { sendMoney(input: $input) { transaction { id } } }`,
        { input: { toUserId: to.id, amount: { amount: amountMinor, currency: 'USD' }, idempotencyKey: crypto.randomUUID() } },
        from.token,
      );
      const error = res.errors?.[0];
      return error ? (error.extensions?.reason ?? error.extensions?.code ?? error.message) : null;
    },
  };
}

export type BenchClient = ReturnType<typeof benchClient>;
