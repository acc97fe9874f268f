import { DataTable, List } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { AppToken } from '../types';
import { RevokeTokenButton } from './RevokeTokenButton';

export function AppTokenList() {
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
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
