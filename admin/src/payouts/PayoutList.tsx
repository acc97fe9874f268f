import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput } from 'react-admin';
import { BusinessDateField, DateTimeField, MoneyField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Payout } from '../types';
import { PayoutLines } from './PayoutLines';
import { PayoutStatusField } from './PayoutStatusField';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function PayoutList() {
  return (
    <List filters={filters} sort={{ field: 'periodEnd', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      {/* A row opens on the sessions it pays (PAY-7). */}
      <DataTable<Payout> bulkActionButtons={false} rowClick="expand" expand={<PayoutLines />}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="periodStart">
          <BusinessDateField source="periodStart" />
        </DataTable.Col>
        <DataTable.Col source="periodEnd">
          <BusinessDateField source="periodEnd" />
        </DataTable.Col>
        <DataTable.NumberCol source="lineCount" />
        <DataTable.Col source="amountCents" align="right">
          <MoneyField source="amountCents" />
        </DataTable.Col>
        <DataTable.Col source="paidAt">
          <DateTimeField source="paidAt" />
        </DataTable.Col>
        <DataTable.Col source="arrivesAt">
          <BusinessDateField source="arrivesAt" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <PayoutStatusField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
