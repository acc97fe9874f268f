/**
 * One value as French Excel reads it: money in euros with a decimal comma (`1234,50`), other
 * numbers with a decimal comma and no grouping, instants `dd/mm/yyyy HH:mm` in Paris time,
 * days `dd/mm/yyyy`, booleans and enum values as words of the request's language, lists
 * joined with `, `, anything else as text (then formula-escaped by csvLine).
 */
import type { CsvLabels } from './csvLabels';
import type { CsvColumn, CsvRow } from './csvColumns';
import type { CsvCell } from './frenchExcelCsv';
import { frenchDate, parisDateTime } from '../../shared/calendar/parisFormat';

function decimalComma(n: number, fractionDigits?: number): string {
  return (fractionDigits === undefined ? String(n) : n.toFixed(fractionDigits)).replace('.', ',');
}

export function valueOf(row: CsvRow, column: CsvColumn): unknown {
  return column.value ? column.value(row) : row[column.source];
}

export function formatCsvCell(value: unknown, column: CsvColumn, labels: CsvLabels): CsvCell {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? { number: decimalComma(value / 100, 2) } : String(value);
    case 'int':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? { number: decimalComma(value) } : String(value);
    case 'datetime':
      return typeof value === 'string' ? parisDateTime(value) : String(value);
    case 'date':
      return typeof value === 'string' ? frenchDate(value) : String(value);
    case 'boolean':
      return typeof value === 'boolean' ? labels.yesNo(value) : String(value);
    case 'enum':
      return column.enumName ? labels.enumValue(column.enumName, String(value)) : String(value);
    case 'auditAction':
      return labels.auditAction(String(value));
    case 'resourceName':
      return labels.resourceName(String(value));
    case 'list':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'name':
    case 'text':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
