/**
 * PostgreSQL's part of deferIndexes.ts: during a bulk load, the schema's tables keep their
 * primary keys, unique indexes and exclusion constraints (what refuses a wrong row) and lose
 * their other indexes and their foreign keys, which `restore` creates again from their own
 * definitions (pg_get_indexdef, pg_get_constraintdef).
 *
 * Why: with them, each COPYed row also went into every B-tree and GIN index of its table
 * (11 on orders) and ran one trigger query per foreign key, locking the row it points to;
 * the large demo's load was bound by that work in PostgreSQL, not by the simulator. Built
 * after the load, an index sorts its table once and a foreign key checks it with one join.
 *
 * The indexes are built two at a time (this machine has two cores; each B-tree build may
 * also take PostgreSQL's parallel maintenance workers), then the foreign keys one at a time:
 * adding one locks the table it points to against the others.
 *
 * A load cut off between the drop and `restore` (a killed process) leaves the tables
 * without them: such a half-seeded demo is dropped and generated again anyway.
 */
import type { Knex } from 'knex';
import { named, oneAtATime, type DeferredIndexes } from './restoreQueue';

interface Deferred {
  table: string;
  name: string;
  definition: string;
}

/** Index builds at once. */
const LANES = 2;

async function secondaryIndexes(db: Knex): Promise<Deferred[]> {
  const { rows } = (await db.raw(
    `SELECT c.relname AS "table", i.relname AS "name", pg_get_indexdef(i.oid) AS "definition"
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname NOT LIKE 'knex\\_%'
        AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = c.oid)
      ORDER BY c.relname, i.relname`,
  )) as { rows: Deferred[] };
  return rows;
}

async function foreignKeys(db: Knex): Promise<Deferred[]> {
  const { rows } = (await db.raw(
    `SELECT c.relname AS "table", k.conname AS "name", pg_get_constraintdef(k.oid) AS "definition"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND c.relname NOT LIKE 'knex\\_%'
      ORDER BY c.relname, k.conname`,
  )) as { rows: Deferred[] };
  return rows;
}

/** One statement without the requests' statement_timeout (a million orders take longer) and with room to sort. */
async function maintain(db: Knex, sql: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL statement_timeout = 0');
    // Also the work_mem of a foreign key's initial check, which PostgreSQL raises to this.
    await trx.raw("SET LOCAL maintenance_work_mem = '256MB'");
    // Without bindings: a definition's `?` (a JSON operator) is no placeholder.
    await trx.raw(sql);
  });
}

const remove = (list: Deferred[], d: Deferred) => list.splice(list.indexOf(d), 1);

export async function deferPgIndexes(db: Knex): Promise<DeferredIndexes> {
  const indexes = await secondaryIndexes(db);
  const keys = await foreignKeys(db);
  await db.transaction(async (trx) => {
    for (const k of keys) await trx.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [k.table, k.name]);
    for (const i of indexes) await trx.raw('DROP INDEX ??', [i.name]);
  });
  // An entry leaves its list once built: after a failure (a loaded row breaking a foreign key), `restore` tries the rest again.
  return oneAtATime(async (tables) => {
    const queue = named(indexes, tables);
    const lane = async () => {
      for (let i = queue.shift(); i; i = queue.shift()) {
        await maintain(db, i.definition);
        remove(indexes, i);
      }
    };
    // Both lanes settle before a failure is thrown: none goes on building behind the caller's back.
    const failed = (await Promise.allSettled(Array.from({ length: LANES }, lane))).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const k of named(keys, tables)) {
      await maintain(db, `${db.raw('ALTER TABLE ?? ADD CONSTRAINT ??', [k.table, k.name]).toQuery()} ${k.definition}`);
      remove(keys, k);
    }
  });
}
