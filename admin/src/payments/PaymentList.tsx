import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Payment } from '../types';

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
        <DataTable.Col source="orderId">
          <ReferenceField source="orderId" reference="orders" />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <EnumField source="kind" enumName="paymentKind" />
        </DataTable.Col>
        <DataTable.Col source="amountCents" align="right">
          <MoneyField source="amountCents" />
        </DataTable.Col>
        <DataTable.Col source="dueAt">
          <DateTimeField source="dueAt" />
        </DataTable.Col>
        <DataTable.Col source="doneAt">
          <DateTimeField source="doneAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
