import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { AppToken } from '../types';
import { RevokeTokenButton } from './RevokeTokenButton';

const csvColumns: CsvColumn<AppToken>[] = [
  { source: 'name' },
  { source: 'createdAt', kind: 'datetime' },
  { source: 'lastUsedAt', kind: 'datetime' },
  { source: 'revokedAt', kind: 'datetime' },
];

export function AppTokenList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} exporter={exporter}>
      <DataTable<AppToken> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="lastUsedAt">
          <DateTimeField source="lastUsedAt" />
        </DataTable.Col>
        <DataTable.Col source="revokedAt">
          <DateTimeField source="revokedAt" />
        </DataTable.Col>
        <DataTable.Col label="app.appTokens.revoke" align="right">
          <RevokeTokenButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
