import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../shared/permissions';
import { auditLogSpec } from '../audit/spec';
import { appTokensSpec, usersSpec } from '../auth/specs';
import * as marketplaceSpecs from '../marketplace/specs';
import { documentsSpec } from '../verification/specs';
import { limitationsSpec, signalsSpec } from '../limitations/specs';
import { casesSpec } from '../mediation/specs';
import { payoutRunsSpec, payoutsSpec } from '../payouts/specs';
import { csvColumnsOf } from './csvColumns';
import { csvLabels } from './csvLabels';
import { formatCsvCell } from './formatCsvCell';
import { BOM, csvLine, escapeFormula, quoteCell } from './frenchExcelCsv';
import { parisDate } from '../../shared/calendar/paris';
import { frenchDate, parisDateTime } from '../../shared/calendar/parisFormat';

describe('French Excel CSV', () => {
  it('when a line is written, then cells are joined by `;` and the line ends with CRLF', () => {
    expect(csvLine(['a', 'b', { number: '12,50' }])).toBe('a;b;12,50\r\n');
    expect(BOM).toBe('\uFEFF');
  });

  it.each(['=1+1', '+33', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('when a text cell starts like a formula (%j), then it is prefixed with a quote', (cell) => {
    expect(escapeFormula(cell)).toBe(`'${cell}`);
  });

  it('when a text cell does not start like a formula, then it is unchanged', () => {
    expect(escapeFormula('Dupont = ok')).toBe('Dupont = ok');
    expect(escapeFormula('')).toBe('');
  });

  it('when a number the export formatted is negative, then it stays a number (not escaped)', () => {
    const labels = csvLabels('fr');
    const cell = formatCsvCell(-1250, { source: 'amountCents', kind: 'money' }, labels);
    expect(csvLine([cell])).toBe('-12,50\r\n');
    expect(csvLine(['-12,50'])).toBe("'-12,50\r\n");
  });

  it('when a cell holds `;`, a quote or a line break, then it is quoted with its quotes doubled', () => {
    expect(quoteCell('a;b')).toBe('"a;b"');
    expect(quoteCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(quoteCell('l1\nl2')).toBe('"l1\nl2"');
    expect(csvLine(['=A1;"x"'])).toBe('"\'=A1;""x"""\r\n');
  });

  it('when values are formatted, then money, decimals, booleans, enums and lists read as in French Excel', () => {
    const fr = csvLabels('fr');
    expect(formatCsvCell(123456, { source: 'priceCents', kind: 'money' }, fr)).toEqual({ number: '1234,56' });
    expect(formatCsvCell(4.25, { source: 'score', kind: 'decimal' }, fr)).toEqual({ number: '4,25' });
    expect(formatCsvCell(true, { source: 'regulated', kind: 'boolean' }, fr)).toBe('Oui');
    expect(formatCsvCell('completed', { source: 'status', kind: 'enum', enumName: 'orderStatus' }, fr)).toBe('Réalisée');
    expect(formatCsvCell('completed', { source: 'status', kind: 'enum', enumName: 'orderStatus' }, csvLabels('en'))).toBe('Completed');
    expect(formatCsvCell(['haircut', 'colouring'], { source: 'services', kind: 'list' }, fr)).toBe('haircut, colouring');
    expect(formatCsvCell(null, { source: 'x', kind: 'text' }, fr)).toBe('');
  });

  it('when instants are written, then they read dd/mm/yyyy HH:mm in Paris time on both sides of a clock change', () => {
    expect(parisDateTime('2026-03-29T00:59:00.000Z')).toBe('29/03/2026 01:59');
    expect(parisDateTime('2026-03-29T01:00:00.000Z')).toBe('29/03/2026 03:00');
    expect(parisDateTime('2026-10-25T00:30:00.000Z')).toBe('25/10/2026 02:30');
    expect(parisDateTime('2026-10-25T01:30:00.000Z')).toBe('25/10/2026 02:30');
    expect(parisDateTime('2026-12-31T23:30:00.000Z')).toBe('01/01/2027 00:30');
    expect(parisDateTime('••••')).toBe('••••');
  });

  it('when days are written, then a business date keeps its day and an instant gives its Paris day', () => {
    expect(frenchDate('2026-03-07')).toBe('07/03/2026');
    expect(frenchDate('2026-03-07T23:30:00.000Z')).toBe('08/03/2026');
    expect(frenchDate('••••-••-••')).toBe('••••-••-••');
    expect(parisDate(new Date('2026-06-30T22:30:00.000Z'))).toBe('2026-07-01');
  });
});

describe('the export columns', () => {
  it.each(['fr', 'en'] as const)('when a list is exported in %s, then every column has a header and every enum column its labels in that catalogue', (language) => {
    const labels = csvLabels(language);
    const specs = [...Object.values(marketplaceSpecs), documentsSpec, limitationsSpec, signalsSpec, casesSpec, payoutsSpec, payoutRunsSpec, usersSpec, appTokensSpec, auditLogSpec];
    expect(specs.map((s) => s.name).sort()).toEqual([...RESOURCES].sort());
    for (const spec of specs) {
      for (const column of csvColumnsOf(spec)) {
        expect(labels.header(spec.name, column.source), `${spec.name}.${column.source}`).not.toBe(column.source);
        if (column.enumName) {
          const values = spec.fields[column.source]?.values ?? [];
          expect(values.length, `${spec.name}.${column.source}`).toBeGreaterThan(0);
          for (const v of values) expect(labels.enumValue(column.enumName, v), `${column.enumName}.${v}`).not.toBe(v);
        }
      }
    }
  });
});
