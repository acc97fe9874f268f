import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput } from 'react-admin';
import { BusinessDateField, DateTimeField, MoneyField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Payout } from '../types';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function PayoutList() {
  return (
    <List filters={filters} sort={{ field: 'periodEnd', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<Payout> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="periodStart">
          <BusinessDateField source="periodStart" />
        </DataTable.Col>
        <DataTable.Col source="periodEnd">
          <BusinessDateField source="periodEnd" />
        </DataTable.Col>
        <DataTable.Col source="amountCents" align="right">
          <MoneyField source="amountCents" />
        </DataTable.Col>
        <DataTable.Col source="paidAt">
          <DateTimeField source="paidAt" />
        </DataTable.Col>
        <DataTable.Col source="arrivesAt">
          <BusinessDateField source="arrivesAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
