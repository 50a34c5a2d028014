import { sql } from 'drizzle-orm';
import type { Queryable } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import type { StoredChoice } from '../domain/preferences.js';
import { preferences, recipients } from './tables.js';

/** What deciding an event's notifications needs of its recipients. */
export interface Audience {
  /** Each recipient's stored choices (what is not stored is the default). */
  choices: ReadonlyMap<string, StoredChoice[]>;
  /** Where to email them; empty when email is off. */
  addresses: ReadonlyMap<string, { email: string; name: string | null }>;
}

interface AudienceRow extends Record<string, unknown> {
  choices: { userId: string; kind: string; channel: string; enabled: boolean }[] | null;
  addresses: { userId: string; email: string; name: string | null }[] | null;
}

/**
 * The recipients' preferences and, when email is on, their addresses, in one statement (one
 * round trip per event where it took two).
 */
export async function findAudience(tx: Queryable, userIds: readonly string[], withAddresses: boolean): Promise<Audience> {
  const ids = onlyUuids(userIds);
  if (ids.length === 0) return { choices: new Map(), addresses: new Map() };
  const idList = sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
  const addresses = withAddresses
    ? sql`(SELECT json_agg(json_build_object('userId', r.user_id, 'email', r.email, 'name', r.name)) FROM ${recipients} r WHERE r.user_id = ANY(${idList}))`
    : sql`NULL::json`;
  const result = await tx.execute<AudienceRow>(sql`SELECT
    (SELECT json_agg(json_build_object('userId', p.user_id, 'kind', p.kind, 'channel', p.channel, 'enabled', p.enabled))
       FROM ${preferences} p WHERE p.user_id = ANY(${idList})) AS choices,
    ${addresses} AS addresses`);
  const row = result.rows[0];
  const choices = new Map<string, StoredChoice[]>();
  for (const c of row?.choices ?? []) choices.set(c.userId, [...(choices.get(c.userId) ?? []), c]);
  return { choices, addresses: new Map((row?.addresses ?? []).map((a) => [a.userId, { email: a.email, name: a.name }])) };
}
