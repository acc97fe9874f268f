import { DataTable, List, SelectInput } from 'react-admin';
import { CsvListActions } from '../export/CsvListActions';
import { choices } from '../common/choices';
import { BusinessDateField, EnumField, MoneyField } from '../common/fields';
import type { PayoutRun } from '../types';

const filters = [<SelectInput key="periodKind" source="periodKind" choices={choices.payoutFrequency} alwaysOn />];

/** The payout runs (PAY-7), newest first: one per period and frequency. */
export function PayoutRunList() {
  return (
    <List filters={filters} sort={{ field: 'payoutDate', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<PayoutRun> bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="payoutDate">
          <BusinessDateField source="payoutDate" />
        </DataTable.Col>
        <DataTable.Col source="periodKind">
          <EnumField source="periodKind" enumName="payoutFrequency" />
        </DataTable.Col>
        <DataTable.Col source="periodStart">
          <BusinessDateField source="periodStart" />
        </DataTable.Col>
        <DataTable.Col source="periodEnd">
          <BusinessDateField source="periodEnd" />
        </DataTable.Col>
        <DataTable.NumberCol source="payoutCount" />
        <DataTable.Col source="totalCents" align="right">
          <MoneyField source="totalCents" />
        </DataTable.Col>
        <DataTable.Col source="expectedArrivalAt">
          <BusinessDateField source="expectedArrivalAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
