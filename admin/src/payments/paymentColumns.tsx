/**
 * The payments' table columns, defined once for the payments list and an order's payments:
 * each list picks its columns, in its order. Columns are elements, not components, because
 * DataTable counts and reorders its direct children.
 */
import { DataTable, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';

export const paymentColumns = {
  orderId: (
    <DataTable.Col key="orderId" source="orderId">
      <ReferenceField source="orderId" reference="orders" />
    </DataTable.Col>
  ),
  kind: (
    <DataTable.Col key="kind" source="kind">
      <EnumField source="kind" enumName="paymentKind" />
    </DataTable.Col>
  ),
  amountCents: (
    <DataTable.Col key="amountCents" source="amountCents" align="right">
      <MoneyField source="amountCents" />
    </DataTable.Col>
  ),
  dueAt: (
    <DataTable.Col key="dueAt" source="dueAt">
      <DateTimeField source="dueAt" />
    </DataTable.Col>
  ),
  doneAt: (
    <DataTable.Col key="doneAt" source="doneAt">
      <DateTimeField source="doneAt" />
    </DataTable.Col>
  ),
};
