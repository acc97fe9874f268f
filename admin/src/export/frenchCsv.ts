/**
 * The one CSV exporter of the console, written for French Excel, which is what the
 * staff open exports with: `;` as separator (`,` is the decimal mark there), a UTF-8
 * byte-order mark (without it Excel reads UTF-8 as Windows-1252 and mangles accents),
 * dates as dd/mm/yyyy hh:mm in Paris time, decimal commas for money and scores,
 * translated headers and enum values.
 */
import { useMemo } from 'react';
import { downloadCSV, useResourceContext, useTranslate, type Exporter, type RaRecord } from 'react-admin';
import { enumKey, type EnumName } from '../common/choices';
import { formatDecimalComma, formatFrenchDate, formatFrenchDateTime } from '../common/format';

export type CsvKind = 'text' | 'number' | 'decimal' | 'money' | 'datetime' | 'date' | 'boolean' | 'enum' | 'list';

export interface CsvColumn<R extends RaRecord = RaRecord> {
  /** The record's field; also names the header (`resources.<resource>.fields.<source>`). */
  source: string;
  kind?: CsvKind;
  /** For `kind: 'enum'`: which enum labels the value. */
  enumName?: EnumName;
  /** An i18n key for the header when it is not the field's label. */
  label?: string;
  /** A computed value instead of `record[source]`. */
  value?: (record: R) => unknown;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export const BOM = '\uFEFF';
export const SEPARATOR = ';';
const EOL = '\r\n';

/** A cell Excel would run as a formula (CSV injection) starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(cell: string): string {
  return /[";\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function formatCell(value: unknown, column: CsvColumn, translate: Translate): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind ?? 'text') {
    case 'money':
      return typeof value === 'number' ? formatDecimalComma(value / 100, 2) : String(value);
    case 'decimal':
    case 'number':
      return typeof value === 'number' ? formatDecimalComma(value) : String(value);
    case 'datetime':
      return typeof value === 'string' || value instanceof Date ? formatFrenchDateTime(value) : String(value);
    case 'date':
      return typeof value === 'string' ? formatFrenchDate(value) : String(value);
    case 'boolean':
      return translate(value ? 'app.common.yes' : 'app.common.no');
    case 'enum':
      return column.enumName ? translate(enumKey(column.enumName, String(value)), { _: String(value) }) : String(value);
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'text': {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return FORMULA_START.test(text) ? `'${text}` : text;
    }
  }
}

function valueOf<R extends RaRecord>(record: R, column: CsvColumn<R>): unknown {
  if (column.value) return column.value(record);
  return column.source.split('.').reduce<unknown>((v, key) => (v == null ? v : (v as Record<string, unknown>)[key]), record);
}

/** The whole file's text, BOM included. */
export function toFrenchCsv<R extends RaRecord>(
  resource: string,
  records: readonly R[],
  columns: readonly CsvColumn<R>[],
  translate: Translate,
): string {
  const header = columns.map((c) =>
    quote(translate(c.label ?? `resources.${resource}.fields.${c.source}`, { _: c.source })),
  );
  const rows = records.map((record) =>
    columns.map((c) => quote(formatCell(valueOf(record, c), c as CsvColumn, translate))).join(SEPARATOR),
  );
  return BOM + [header.join(SEPARATOR), ...rows].join(EOL) + EOL;
}

export function exportFileName(resource: string, now: Date = new Date()): string {
  return `${resource}-${now.toISOString().slice(0, 10)}`;
}

export function frenchCsvExporter<R extends RaRecord>(
  resource: string,
  columns: readonly CsvColumn<R>[],
  translate: Translate,
  download: (csv: string, fileName: string) => void = downloadCSV,
): Exporter<R> {
  return (records) => {
    download(toFrenchCsv(resource, records, columns, translate), exportFileName(resource));
  };
}

/** For a List's `exporter` prop: the current resource and language. */
export function useFrenchCsvExporter<R extends RaRecord>(columns: readonly CsvColumn<R>[]): Exporter<R> {
  const resource = useResourceContext();
  const translate = useTranslate();
  if (!resource) throw new Error('useFrenchCsvExporter must be used inside a resource');
  return useMemo(() => frenchCsvExporter(resource, columns, translate), [resource, columns, translate]);
}
