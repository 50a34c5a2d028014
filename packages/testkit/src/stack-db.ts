import { TransactionRollbackError } from 'drizzle-orm';
import { createDb, createPool, type Db, type Tx } from '@sx/runtime';
import { Counter, Registry } from 'prom-client';
import { stackInfo } from './graphql-client.js';

/** A small pool on the test stack's database, for tests that read or seed a service's tables. */
export function openStackDb(): { db: Db; close: () => Promise<void> } {
  const pool = createPool({ url: stackInfo().databaseUrl, max: 2 });
  return { db: createDb(pool), close: () => pool.end() };
}

/**
 * A one-connection pool on the test stack's database whose statements are counted the way a
 * service counts its background work: a guard runs one saga step's handler on it and asserts
 * how many round trips the step took.
 */
export function openCountedStackDb(): { db: Db; statements: () => Promise<number>; close: () => Promise<void> } {
  const registry = new Registry();
  const background = new Counter({ name: 'background', help: 'statements outside requests', registers: [registry] });
  const requests = new Counter({ name: 'requests', help: 'unused', registers: [registry] });
  const pool = createPool({ url: stackInfo().databaseUrl, max: 1, queryCounter: requests, backgroundQueryCounter: background });
  const statements = async () => (await background.get()).values[0]?.value ?? 0;
  return { db: createDb(pool), statements, close: () => pool.end() };
}

/** Runs `work` in a transaction that is always rolled back: what it wrote never stays (nor do its outbox rows leave). */
export async function rolledBack<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  await db
    .transaction(async (tx) => {
      result = { value: await work(tx) };
      tx.rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof TransactionRollbackError)) throw err;
    });
  if (!result) throw new Error('rolledBack: work did not finish');
  return (result as { value: T }).value;
}
