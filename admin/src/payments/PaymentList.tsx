import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { Payment } from '../types';

const filters = [
  <SelectInput key="kind" source="kind" choices={choices.paymentKind} alwaysOn />,
  <ReferenceInput key="orderId" source="orderId" reference="orders" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

const csvColumns: CsvColumn<Payment>[] = [
  { source: 'orderId' },
  { source: 'kind', kind: 'enum', enumName: 'paymentKind' },
  { source: 'amountCents', kind: 'money' },
  { source: 'dueAt', kind: 'datetime' },
  { source: 'doneAt', kind: 'datetime' },
];

export function PaymentList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'dueAt', order: 'DESC' }} exporter={exporter}>
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
