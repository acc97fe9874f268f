/**
 * People and orders by name in an export, never by id: a `name` column's id becomes
 * "Élodie Durand (P000011)", a staff member's full name or an order's reference — one query
 * per referenced table and batch. A partner, client or order is named only for a caller who may
 * read that resource (the role table); otherwise the id stays, as the list shows it. A
 * colleague's full name is named for every staff member, as the audit trail names its actors.
 */
import type { Knex } from 'knex';
import { canReadResource, type Role } from '../../shared/permissions';
import type { CsvColumn, CsvNameRef, CsvRow } from './csvColumns';
import type { PartnersRow, UsersRow } from '../data/tables';
import type { ApiRecord } from '../http/resource';

/** The columns a name is made of; each source reads some of them. */
type NameColumns = Pick<PartnersRow, 'id'> & Partial<Pick<PartnersRow, 'firstName' | 'lastName' | 'reference'> & Pick<UsersRow, 'fullName'>>;

interface NameSource {
  table: string;
  columns: (keyof NameColumns)[];
  name(row: NameColumns): string;
}

const withReference = (row: NameColumns) => `${row.firstName ?? ''} ${row.lastName ?? ''}`.trim() + ` (${row.reference})`;

const SOURCES: Record<CsvNameRef, NameSource> = {
  partners: { table: 'partners', columns: ['id', 'firstName', 'lastName', 'reference'], name: withReference },
  clients: { table: 'clients', columns: ['id', 'firstName', 'lastName', 'reference'], name: withReference },
  users: { table: 'users', columns: ['id', 'fullName'], name: (row) => String(row.fullName) },
  orders: { table: 'orders', columns: ['id', 'reference'], name: (row) => String(row.reference) },
};

/** The rows with each readable `name` column's id replaced by its name. */
export async function withNames(db: Knex, role: Role | null, columns: readonly CsvColumn[], rows: readonly CsvRow[]): Promise<readonly CsvRow[]> {
  const named = columns.filter((c) => c.kind === 'name' && c.ref && (c.ref === 'users' ? role !== null : canReadResource(role, c.ref)));
  if (named.length === 0 || rows.length === 0) return rows;
  const names = new Map<CsvNameRef, Map<number, string>>();
  for (const ref of new Set(named.map((c) => c.ref!))) {
    const ids = new Set<number>();
    for (const c of named) if (c.ref === ref) for (const row of rows) if (typeof row[c.source] === 'number') ids.add(row[c.source] as number);
    const source = SOURCES[ref];
    const found = ids.size === 0 ? [] : await db<NameColumns>(source.table).select(source.columns).whereIn('id', [...ids]);
    names.set(ref, new Map(found.map((r) => [Number(r.id), source.name(r)])));
  }
  return rows.map((row) => {
    const out: ApiRecord = { ...row };
    for (const c of named) {
      const id = row[c.source];
      if (typeof id === 'number') out[c.source] = names.get(c.ref!)?.get(id) ?? id;
    }
    return out;
  });
}
