/**
 * Which tables this process has written, as per-table generation counters, read from
 * knex's `query` events (every statement of the handle and of its transactions, raw SQL
 * included). Read caches (list totals, the signed-in user) keep a value only while the
 * generations of the tables it was read from are unchanged.
 *
 * Conservative on purpose: any statement that is not a plain read bumps the tables it
 * names, or every table when its SQL names none we can recognise; a transaction bumps its
 * tables again at COMMIT/ROLLBACK, so a read that ran while the transaction was open (and
 * saw the old rows) cannot stay cached past the commit. Writes made by another process
 * (a second instance on PostgreSQL) are not seen here: list reads are therefore not kept at
 * all on PostgreSQL (server/http/readCache.ts), the caches that remain there expire after a
 * few seconds (see their TTLs), and writes through the raw driver call `invalidateAll`.
 */
import type { Knex } from 'knex';

interface QueryEvent {
  sql?: string;
  method?: string;
  __knexTxId?: string;
}

const READ_ONLY = /^\s*(select|with\s[\s\S]*?\)\s*select|pragma|explain|begin|savepoint|release)\b/i;
const TX_END = /^\s*(commit|rollback)\b/i;
const WRITTEN = /\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update|delete\s+from|truncate(?:\s+table)?|alter\s+table|drop\s+table(?:\s+if\s+exists)?|create\s+table(?:\s+if\s+not\s+exists)?)\s+[`"]?(\w+)/gi;
const REFERENCED = /\b(?:from|join|into|update)\s+[`"]?(\w+)/gi;

export class TableWrites {
  private readonly generations = new Map<string, number>();
  private global = 0;
  private readonly openTx = new Map<string, Set<string>>();

  observe(event: QueryEvent): void {
    const sql = event.sql ?? '';
    const tx = event.__knexTxId;
    if (TX_END.test(sql)) {
      if (tx) {
        for (const table of this.openTx.get(tx) ?? []) this.bump(table);
        this.openTx.delete(tx);
      }
      return;
    }
    if (READ_ONLY.test(sql)) return;
    const tables = [...sql.matchAll(WRITTEN)].map((m) => m[1].toLowerCase());
    if (tables.length === 0) {
      this.invalidateAll();
      return;
    }
    for (const table of tables) {
      this.bump(table);
      if (tx) {
        const set = this.openTx.get(tx) ?? new Set<string>();
        set.add(table);
        this.openTx.set(tx, set);
      }
    }
  }

  /** After writes this handle cannot see (bulk loads on the raw driver connection). */
  invalidateAll(): void {
    this.global++;
  }

  /** A stamp of the tables a SELECT reads: equal stamps mean none of them was written since. */
  stampOf(sql: string): string {
    return this.stampOfTables([...sql.matchAll(REFERENCED)].map((m) => m[1]));
  }

  /** The same stamp for a list of tables named by the caller (a computation of several queries). */
  stampOfTables(tables: readonly string[]): string {
    let stamp = `${this.global}`;
    for (const table of [...new Set(tables.map((t) => t.toLowerCase()))].sort()) stamp += `|${table}:${this.generations.get(table) ?? 0}`;
    return stamp;
  }

  private bump(table: string): void {
    this.generations.set(table, (this.generations.get(table) ?? 0) + 1);
  }
}

const trackers = new WeakMap<Knex, TableWrites>();

/** The tracker of a knex handle, attached on first use (one listener per handle). */
export function tableWrites(db: Knex): TableWrites {
  let tracker = trackers.get(db);
  if (!tracker) {
    const created = new TableWrites();
    db.on('query', (event: QueryEvent) => created.observe(event));
    trackers.set(db, created);
    tracker = created;
  }
  return tracker;
}
