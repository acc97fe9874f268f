/**
 * Sends a list as one CSV file, batch after batch, as the rows are read: the server holds one
 * batch at a time whatever the number of rows (74,000 orders), waits when the client reads
 * slower than the database (backpressure), and stops reading when the client goes away.
 *
 * The first batch is read before anything is sent, so that a bad filter or sort is still the
 * contract's 400 (or any error its status); a failure after the first byte cuts the transfer
 * (the browser reports a failed download) rather than ending a file that would look complete.
 */
import type { Response } from 'express';
import { type ListResult } from '../http/listQuery';
import type { KeysetCursor } from '../http/keysetPage';
import type { CsvLabels } from './csvLabels';
import type { CsvColumn, CsvRow } from './csvColumns';
import { formatCsvCell, valueOf } from './formatCsvCell';
import { BOM, csvLine } from './frenchExcelCsv';

/** Rows read per batch: the list's page cap, so a batch costs what a full list page costs. */
export const CSV_BATCH_ROWS = 1000;

export interface CsvExport {
  resource: string;
  fileName: string;
  columns: readonly CsvColumn[];
  labels: CsvLabels;
  /** One batch of the list, already masked for the caller, starting after `after`. */
  batch(after: KeysetCursor | null, size: number): Promise<ListResult>;
}

function body(rows: readonly CsvRow[], ex: CsvExport): string {
  let text = '';
  for (const row of rows) text += csvLine(ex.columns.map((c) => formatCsvCell(valueOf(row, c), c, ex.labels)));
  return text;
}

/** Resolves once `chunk` is handed to the socket, or at once if the client has gone. */
function send(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function streamCsv(res: Response, ex: CsvExport): Promise<void> {
  let page = await ex.batch(null, CSV_BATCH_ROWS);
  res.status(200);
  res.set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ex.fileName}"`,
    // Personal data: no copy in a shared cache or the browser's.
    'Cache-Control': 'no-store',
  });
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  try {
    const header = csvLine(ex.columns.map((c) => ex.labels.header(ex.resource, c.source)));
    await send(res, BOM + header + body(page.rows, ex));
    while (page.next && !gone) {
      page = await ex.batch(page.next, CSV_BATCH_ROWS);
      if (gone) break;
      await send(res, body(page.rows, ex));
    }
    res.end();
  } catch (err) {
    // The request's log line carries the error (pino-http reads res.err); the transfer fails.
    (res as { err?: unknown }).err = err;
    res.destroy(err as Error);
  }
}
