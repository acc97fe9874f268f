import { BooleanField, DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { EnumField, MoneyField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Service } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="vertical" source="vertical" choices={choices.vertical} alwaysOn />,
];

export function ServiceList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} exporter={false} actions={<CsvListActions />}>
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
