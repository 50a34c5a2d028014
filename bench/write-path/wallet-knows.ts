import pg from 'pg';

/** wallet learns of new users from users' events; sends to them work once it has. */
export async function walletKnows(databaseUrl: string, ids: string[], timeoutMs = 60_000): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM wallet.known_users WHERE user_id = ANY($1::uuid[])', [ids]);
      if (rows[0]?.n === ids.length) return;
      if (Date.now() > deadline) throw new Error(`wallet did not learn of the bench users in ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await pool.end();
  }
}
