import { DataTable, Pagination, ReferenceManyField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { orderColumns } from '../orders/orderColumns';
import { PersonalDataShowActions } from '../privacy/PersonalDataExportButton';

const orders = orderColumns();

export function ClientShow() {
  return (
    <Show actions={<PersonalDataShowActions />}>
      <SimpleShowLayout>
        <TextField source="reference" />
        <TextField source="firstName" />
        <TextField source="lastName" />
        <TextField source="email" />
        <TextField source="phone" />
        <TextField source="address" />
        <TextField source="postcode" />
        <TextField source="city" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="deletedAt" />
        <ReferenceManyField
          label="resources.clients.sections.orders"
          reference="orders"
          target="clientId"
          sort={{ field: 'startsAt', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination />}
        >
          <DataTable bulkActionButtons={false}>
            {orders.reference}
            {orders.serviceCode}
            {orders.startsAt}
            {orders.status}
            {orders.priceCents}
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
