import { DataTable, List, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { Order } from '../types';
import { orderFilters } from './orderFilters';

const csvColumns: CsvColumn<Order>[] = [
  { source: 'reference' },
  { source: 'clientId' },
  { source: 'partnerId' },
  { source: 'serviceCode' },
  { source: 'startsAt', kind: 'datetime' },
  { source: 'endsAt', kind: 'datetime' },
  { source: 'status', kind: 'enum', enumName: 'orderStatus' },
  { source: 'priceCents', kind: 'money' },
  { source: 'partnerPayCents', kind: 'money' },
  { source: 'createdAt', kind: 'datetime' },
  { source: 'sheetSignedAt', kind: 'datetime' },
];

export function OrderList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={orderFilters} sort={{ field: 'startsAt', order: 'DESC' }} exporter={exporter}>
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
