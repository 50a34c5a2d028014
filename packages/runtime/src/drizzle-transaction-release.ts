import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';

/**
 * drizzle-orm 0.45's pooled `transaction()` runs BEGIN before the try/finally that releases the
 * pool client (drizzle-team/drizzle-orm#6241, #6341; open upstream). A BEGIN on a connection that
 * just died — a Postgres crash or restart, a cut network — leaks that client for the life of the
 * process; a few such failures empty the pool and every later transaction (each request, each
 * consumer's event) waits for a client forever. It also puts a client whose ROLLBACK failed back
 * into the pool as if healthy, and rethrows the ROLLBACK's error instead of the cause.
 *
 * This replaces the method once, at import: BEGIN inside the try, the client always released,
 * destroyed (`release(err)`) when BEGIN or ROLLBACK failed, and the original error rethrown.
 * Remove it when the drizzle-orm version in the lockfile fixes the upstream issue
 * (packages/runtime/test/transaction-release.test.ts says whether it still matters).
 */

/** The session's fields the method reads: private in drizzle's types, plain properties at run time. */
interface SessionFields {
  client: pg.Pool | pg.PoolClient | pg.Client;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

/** `getTransactionConfigSQL` is on every PgDatabase at run time but not in its public type. */
interface ConfigurableTransaction {
  execute: (query: SQL) => Promise<unknown>;
  getTransactionConfigSQL: (config: PgTransactionConfig) => SQL;
}

const isPool = (client: SessionFields['client']): client is pg.Pool => client instanceof pg.Pool || Object.getPrototypeOf(client).constructor.name.includes('Pool');

async function transaction<T>(this: SessionFields, body: (tx: NodePgTransaction<Record<string, unknown>, never>) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  const pooled = isPool(this.client);
  const client = pooled ? await (this.client as pg.Pool).connect() : this.client;
  const session = pooled ? new NodePgSession(client, this.dialect, this.schema, this.options) : (this as unknown as NodePgSession<Record<string, unknown>, never>);
  const tx = new NodePgTransaction<Record<string, unknown>, never>(this.dialect, session, this.schema as never);
  const exec = tx as unknown as ConfigurableTransaction;
  let began = false;
  let broken: Error | undefined;
  try {
    await exec.execute(sql`begin${config ? sql` ${exec.getTransactionConfigSQL(config)}` : undefined}`);
    began = true;
    const result = await body(tx);
    await exec.execute(sql`commit`);
    return result;
  } catch (error) {
    if (!began) broken = error as Error;
    else await exec.execute(sql`rollback`).catch((rollbackError: unknown) => (broken = rollbackError as Error));
    throw error;
  } finally {
    if (pooled) (client as pg.PoolClient).release(broken);
  }
}

(NodePgSession.prototype as unknown as { transaction: typeof transaction }).transaction = transaction;
