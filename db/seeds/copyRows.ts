/**
 * PostgreSQL's COPY … FROM STDIN (text format) through pg-copy-streams: the rows stream to
 * the server as tab-separated lines, parsed there without a statement per batch, a
 * parameter per value or a plan — the fastest way PostgreSQL takes many rows. Values are
 * written as node-postgres sends a parameter of the same row through an INSERT (so that
 * both loaders store the same thing): null → NULL, a Date → its instant (UTC), an object →
 * its JSON, a Buffer → bytea hex, anything else → its text.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyRow = Record<string, unknown>;

interface PgConnection {
  query(stream: NodeJS.WritableStream): NodeJS.WritableStream;
}

/** Characters COPY's text format reads as syntax, escaped with a backslash. */
const SPECIAL = /[\\\t\n\r]/g;
/**
 * The same characters, tested first: most values have none, and a test that finds nothing
 * costs less than a replace (the default demo's rows encode in 0.5 s instead of 0.7–0.9 s).
 */
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'boolean') return v ? 't' : 'f';
  else if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  else if (v instanceof Date) return v.toISOString();
  else if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  // An array would be a PostgreSQL array literal through an INSERT: no seeded column is one.
  else if (Array.isArray(v)) throw new Error('copyRows: array values are not supported (no seeded column is an array)');
  else s = JSON.stringify(v);
  return HAS_SPECIAL.test(s) ? s.replace(SPECIAL, (c) => ESCAPES[c]) : s;
}

/** Rows of the same columns, as COPY text in pieces of about 1 MB. */
export interface CopyRun {
  columns: string[];
  chunks: string[];
}

function encode(rows: readonly CopyRow[], columns: readonly string[]): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyText(row[columns[i]]);
    chunk += line + '\n';
    if (chunk.length > 1_000_000) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

/**
 * `rows` as COPY text, in runs of the same columns, each run naming only its own: a column a
 * row lacks gets its DEFAULT as through an INSERT. Plain strings: the simulator's worker thread
 * encodes its batches (db/seeds/marketplace.ts), as passing text to the loading thread costs a
 * copy where passing objects costs a structured clone of every row.
 */
export function encodeCopyRuns(rows: readonly CopyRow[]): CopyRun[] {
  const runs: CopyRun[] = [];
  for (let start = 0; start < rows.length; ) {
    const columns = columnsOf(rows[start]);
    let end = start + 1;
    while (end < rows.length && hasColumns(rows[end], columns)) end++;
    runs.push({ columns, chunks: encode(rows.slice(start, end), columns) });
    start = end;
  }
  return runs;
}

/** An undefined value is a column left out (knex sends DEFAULT for it), as a missing key. */
function columnsOf(row: CopyRow): string[] {
  return Object.keys(row).filter((k) => row[k] !== undefined);
}

/** The row's columns are `columns`, in that order — without a list per row: a batch holds thousands. */
function hasColumns(row: CopyRow, columns: readonly string[]): boolean {
  let i = 0;
  for (const k in row) {
    if (row[k] === undefined) continue;
    if (k !== columns[i++]) return false;
  }
  return i === columns.length;
}

/** Copies encoded runs into `table` on the transaction's connection. */
export async function copyRuns(trx: Knex.Transaction, table: string, runs: readonly CopyRun[]): Promise<void> {
  // Inside a transaction, knex hands out the transaction's own connection (and releasing it is a no-op).
  const conn = (await trx.client.acquireConnection()) as PgConnection;
  try {
    for (const { columns, chunks } of runs) {
      const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(chunks), conn.query(copyFrom(sql)));
    }
  } finally {
    await trx.client.releaseConnection(conn);
  }
}

/** Copies `rows` into `table` on the transaction's connection (see encodeCopyRuns). */
export async function copyRows(trx: Knex.Transaction, table: string, rows: readonly CopyRow[]): Promise<void> {
  await copyRuns(trx, table, encodeCopyRuns(rows));
}
