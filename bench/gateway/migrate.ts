/** Applies every subgraph's migrations to a fresh database, as each subgraph does on start. */
import path from 'node:path';
import type pg from 'pg';
import { migrateService } from '@sx/runtime';
import { REPO_ROOT, SUBGRAPHS } from '@sx/stack';

export async function migrateAllSubgraphs(pool: pg.Pool): Promise<void> {
  for (const spec of SUBGRAPHS) await migrateService(pool, spec.name, path.join(REPO_ROOT, spec.dir, 'drizzle'));
}
