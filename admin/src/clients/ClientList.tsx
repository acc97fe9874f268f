import { DataTable, List, SearchInput, TextInput } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { Client } from '../types';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="city" source="city" />];

const csvColumns: CsvColumn<Client>[] = [
  { source: 'reference' },
  { source: 'lastName' },
  { source: 'firstName' },
  { source: 'email' },
  { source: 'phone' },
  { source: 'postcode' },
  { source: 'city' },
  { source: 'createdAt', kind: 'datetime' },
  { source: 'deletedAt', kind: 'datetime' },
];

export function ClientList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={exporter}>
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
