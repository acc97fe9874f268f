import { AutocompleteInput, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { CsvListActions } from '../export/CsvListActions';
import type { Payment } from '../types';
import { paymentColumns as columns } from './paymentColumns';

const filters = [
  <SelectInput key="kind" source="kind" choices={choices.paymentKind} alwaysOn />,
  <ReferenceInput key="orderId" source="orderId" reference="orders" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function PaymentList() {
  return (
    <List filters={filters} sort={{ field: 'dueAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<Payment> bulkActionButtons={false} rowClick={false}>
        {columns.orderId}
        {columns.kind}
        {columns.amountCents}
        {columns.dueAt}
        {columns.doneAt}
      </DataTable>
    </List>
  );
}
