import { createPool } from '@sx/runtime';
import { stackInfo } from '@sx/testkit';

export interface RefreshTokenState {
  id: string;
  familyId: string;
  usedAt: Date | null;
  replacedBy: string | null;
  revokedAt: Date | null;
}

/** Read-mostly access to the run's users tables, for asserting what a call did (or did not) change. */
export function openUsersDb() {
  const pool = createPool({ url: stackInfo().databaseUrl, max: 2 });
  return {
    async countUsersWithEmail(email: string): Promise<number> {
      const res = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users.users WHERE lower(email) = lower($1)', [email.trim()]);
      return res.rows[0]?.n ?? 0;
    },
    async profileOf(userId: string): Promise<{ name: string; bio: string | null; skills: string[]; updatedAt: Date } | undefined> {
      const res = await pool.query('SELECT name, bio, skills, updated_at AS "updatedAt" FROM users.users WHERE id = $1', [userId]);
      return res.rows[0];
    },
    async refreshTokensOf(userId: string): Promise<RefreshTokenState[]> {
      const res = await pool.query<RefreshTokenState>(
        `SELECT id, family_id AS "familyId", used_at AS "usedAt", replaced_by AS "replacedBy", revoked_at AS "revokedAt"
           FROM users.refresh_tokens WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      );
      return res.rows;
    },
    /** Ages every token of a user past its expiry (the clock cannot be moved in a running stack). */
    async expireRefreshTokensOf(userId: string): Promise<void> {
      await pool.query(`UPDATE users.refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [userId]);
    },
    /** The users.user.signed_up events in the outbox about the account with this email. */
    async signedUpEventsOfEmail(email: string): Promise<{ userId: string; data: unknown }[]> {
      const res = await pool.query<{ userId: string; data: unknown }>(
        `SELECT o.aggregate_id AS "userId", o.envelope->'data' AS data FROM users.outbox o
           JOIN users.users u ON u.id::text = o.aggregate_id
          WHERE o.type = 'users.user.signed_up' AND lower(u.email) = lower($1) ORDER BY o.seq`,
        [email.trim()],
      );
      return res.rows;
    },
    /** users.user.signed_up events about no existing account: a sign-up that failed but published. */
    async orphanSignedUpEvents(): Promise<number> {
      const res = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users.outbox o
          WHERE o.type = 'users.user.signed_up' AND NOT EXISTS (SELECT 1 FROM users.users u WHERE u.id::text = o.aggregate_id)`,
      );
      return res.rows[0]?.n ?? 0;
    },
    close: () => pool.end(),
  };
}
