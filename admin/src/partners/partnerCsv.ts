import type { CsvColumn } from '../export/frenchCsv';
import type { Partner } from '../types';

export const partnerCsvColumns: CsvColumn<Partner>[] = [
  { source: 'reference' },
  { source: 'lastName' },
  { source: 'firstName' },
  { source: 'email' },
  { source: 'phone' },
  { source: 'postcode' },
  { source: 'city' },
  { source: 'vertical', kind: 'enum', enumName: 'vertical' },
  { source: 'services', kind: 'list' },
  { source: 'status', kind: 'enum', enumName: 'partnerStatus' },
  { source: 'limitation', kind: 'enum', enumName: 'limitationModality' },
  { source: 'score', kind: 'decimal' },
  { source: 'radiusKm', kind: 'decimal' },
  { source: 'createdAt', kind: 'datetime' },
];
