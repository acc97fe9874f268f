/**
 * The file format of every CSV export (CONTRACT.md "HTTP": French Excel format — `;`, UTF-8
 * BOM, formula-escaped cells), as pure functions:
 * - `;` separates cells: `,` is the decimal mark in French Excel.
 * - The file starts with a UTF-8 byte-order mark: without it Excel reads UTF-8 as
 *   Windows-1252 and mangles every accent.
 * - Lines end with CRLF (RFC 4180, what Excel writes itself).
 * - A cell holding `;`, `"`, CR or LF is quoted, its quotes doubled (RFC 4180).
 * - A text cell starting with `=`, `+`, `-`, `@`, a tab or a CR would be run by Excel as a
 *   formula (CSV injection: a partner's name `=HYPERLINK(…)` typed in an app): it is prefixed
 *   with `'`, which Excel shows as text and does not print (OWASP's advice).
 */

export const BOM = '\uFEFF';
export const SEPARATOR = ';';
export const EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/** A text cell Excel will not run as a formula. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function quoteCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A cell of the file: either a number the export formatted itself, or text (formula-escaped). */
export type CsvCell = { number: string } | string;

export function csvLine(cells: readonly CsvCell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) line += SEPARATOR;
    line += typeof cell === 'string' ? quoteCell(escapeFormula(cell)) : cell.number;
  }
  return line + EOL;
}
