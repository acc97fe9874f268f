/**
 * The one transaction every write runs in. The instant is read once from the injected clock
 * (never Date.now()) before the transaction opens, so every row an operation writes — its
 * audit row included — carries the same time, and a fake clock drives tests and the simulator.
 */
import type { Knex } from 'knex';
import type { Actor } from '../auth/actor';
import type { Ctx } from '../context';

export interface Tx {
  trx: Knex.Transaction;
  /** The operation's instant (ctx.clock.now(), read once). */
  now: Date;
  actor?: Actor;
  /** PostgreSQL (row locks, SKIP LOCKED) rather than SQLite (one writer at a time). */
  pg: boolean;
}

export function isPg(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

export async function inTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  const pg = isPg(ctx.db);
  return ctx.db.transaction((trx) => fn({ trx, now, actor: ctx.actor, pg }));
}

/** Locks a row for the rest of the transaction on PostgreSQL (SQLite already has one writer at a time). */
export function lockable<T extends Knex.QueryBuilder>(tx: Tx, qb: T): T {
  return (tx.pg ? qb.forUpdate() : qb) as T;
}

/** The staff member acting, or null for the engine and application tokens. */
export function staffId(tx: Tx): number | null {
  return tx.actor?.kind === 'staff' ? tx.actor.id : null;
}
