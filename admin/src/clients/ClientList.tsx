import { DataTable, List, SearchInput, TextInput } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Client } from '../types';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="city" source="city" />];

export function ClientList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<Client> bulkActionButtons={false}>
        <DataTable.Col source="reference" />
        <DataTable.Col
          source="lastName"
          label="resources.clients.fields.name"
          render={(c) => `${c.firstName} ${c.lastName}`}
        />
        <DataTable.Col source="city" />
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="deletedAt">
          <DateTimeField source="deletedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
