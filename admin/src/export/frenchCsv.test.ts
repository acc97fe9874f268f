import { describe, expect, it, vi } from 'vitest';
import { BOM, frenchCsvExporter, toFrenchCsv, type CsvColumn, type Translate } from './frenchCsv';
import { messages } from '../i18n';

/** A translate function reading the real French catalogue (dotted keys, `_` default). */
const translateFr: Translate = (key, options) => {
  const value = key.split('.').reduce<unknown>((v, k) => (v == null ? v : (v as Record<string, unknown>)[k]), messages.fr);
  return typeof value === 'string' ? value : String(options?._ ?? key);
};

type Row = {
  id: number;
  reference: string;
  lastName: string;
  status: string;
  score: number | null;
  priceCents: number;
  createdAt: string;
  birthDate: string;
  regulated: boolean;
  services: string[];
};

const columns: CsvColumn<Row>[] = [
  { source: 'reference' },
  { source: 'lastName' },
  { source: 'status', kind: 'enum', enumName: 'partnerStatus' },
  { source: 'score', kind: 'decimal' },
  { source: 'priceCents', kind: 'money', label: 'resources.orders.fields.priceCents' },
  { source: 'createdAt', kind: 'datetime' },
  { source: 'birthDate', kind: 'date' },
  { source: 'regulated', kind: 'boolean', label: 'resources.services.fields.regulated' },
  { source: 'services', kind: 'list' },
];

const row: Row = {
  id: 1,
  reference: 'P-000011',
  lastName: 'Durand; "dite" Lili',
  status: 'in_review',
  score: 87.5,
  priceCents: 123456,
  // 09:05 UTC in March is 10:05 in Paris (UTC+1).
  createdAt: '2025-03-07T09:05:00.000Z',
  birthDate: '1990-12-31',
  regulated: true,
  services: ['haircut', 'cleaning'],
};

function csvLines(csv: string): string[] {
  return csv.slice(BOM.length).split('\r\n');
}

describe('the French CSV export', () => {
  it('when exporting, then the file starts with a UTF-8 BOM and uses ; as separator with translated headers', () => {
    const csv = toFrenchCsv('partners', [row], columns, translateFr);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header] = csvLines(csv);
    expect(header).toBe(
      'Référence;Nom;Statut;Score;Prix;Créé le;Date de naissance;Activité réglementée;Prestations',
    );
  });

  it('when a record has money, scores and dates, then they are written the French way', () => {
    const [, line] = csvLines(toFrenchCsv('partners', [row], columns, translateFr));
    expect(line).toBe(
      'P-000011;"Durand; ""dite"" Lili";En vérification;87,5;1234,56;07/03/2025 10:05;31/12/1990;Oui;haircut, cleaning',
    );
  });

  it('when a value is missing or masked, then the cell is empty or shows the mask as sent', () => {
    const masked = { ...row, score: null, birthDate: '••••-••-••' };
    const [, line] = csvLines(toFrenchCsv('partners', [masked], columns, translateFr));
    const cells = line.split(';');
    // The quoted name holds a ";": count from the end.
    expect(cells.at(-6)).toBe(''); // score
    expect(cells.at(-3)).toBe('••••-••-••');
  });

  it('when a text cell starts like a formula, then Excel is kept from running it', () => {
    const evil = { ...row, reference: '=HYPERLINK("http://x")' };
    const [, line] = csvLines(toFrenchCsv('partners', [evil], columns, translateFr));
    expect(line.startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true);
  });

  it('when the exporter runs, then it downloads the file named after the resource and the day', () => {
    const download = vi.fn();
    const exporter = frenchCsvExporter('partners', columns, translateFr, download);
    void exporter([row], vi.fn(), {} as never, 'partners');
    expect(download).toHaveBeenCalledTimes(1);
    const [csv, fileName] = download.mock.calls[0] as [string, string];
    expect(csv.startsWith(`${BOM}Référence;`)).toBe(true);
    expect(fileName).toMatch(/^partners-\d{4}-\d{2}-\d{2}$/);
  });
});
