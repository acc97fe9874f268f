import { DataTable, List, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Order } from '../types';
import { orderFilters } from './orderFilters';
import { SavedViewsAside } from '../common/SavedViewsAside';

export function OrderList() {
  return (
    <List filters={orderFilters} sort={{ field: 'startsAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<Order> bulkActionButtons={false}>
        <DataTable.Col source="reference" />
        <DataTable.Col source="clientId">
          <ReferenceField source="clientId" reference="clients" />
        </DataTable.Col>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="serviceCode">
          <ReferenceField source="serviceCode" reference="services" link={false} />
        </DataTable.Col>
        <DataTable.Col source="startsAt">
          <DateTimeField source="startsAt" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="orderStatus" />
        </DataTable.Col>
        <DataTable.Col source="priceCents" align="right">
          <MoneyField source="priceCents" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
