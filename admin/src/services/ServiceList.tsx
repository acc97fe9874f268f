import { BooleanField, DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { EnumField, MoneyField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { Service } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="vertical" source="vertical" choices={choices.vertical} alwaysOn />,
];

const csvColumns: CsvColumn<Service>[] = [
  { source: 'id' },
  { source: 'vertical', kind: 'enum', enumName: 'vertical' },
  { source: 'name' },
  { source: 'durationMin', kind: 'number' },
  { source: 'priceCents', kind: 'money' },
  { source: 'partnerPayCents', kind: 'money' },
  { source: 'regulated', kind: 'boolean' },
];

export function ServiceList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} exporter={exporter}>
      <DataTable<Service> bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="vertical">
          <EnumField source="vertical" enumName="vertical" />
        </DataTable.Col>
        <DataTable.Col source="name" />
        <DataTable.NumberCol source="durationMin" />
        <DataTable.Col source="priceCents" align="right">
          <MoneyField source="priceCents" />
        </DataTable.Col>
        <DataTable.Col source="partnerPayCents" align="right">
          <MoneyField source="partnerPayCents" />
        </DataTable.Col>
        <DataTable.Col source="regulated">
          <BooleanField source="regulated" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
