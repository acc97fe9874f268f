import { DataTable, Pagination, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { PersonalDataShowActions } from '../privacy/PersonalDataExportButton';

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
            <DataTable.Col source="reference" />
            <DataTable.Col source="serviceCode">
              <ReferenceField source="serviceCode" reference="services" link={false} />
            </DataTable.Col>
            <DataTable.Col source="startsAt">
              <DateTimeField source="startsAt" />
            </DataTable.Col>
            <DataTable.Col source="status">
              <EnumField source="status" enumName="orderStatus" />
            </DataTable.Col>
            <DataTable.Col source="priceCents">
              <MoneyField source="priceCents" />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
