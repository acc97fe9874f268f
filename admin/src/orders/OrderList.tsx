import { DataTable, List } from 'react-admin';
import { CsvListActions } from '../export/CsvListActions';
import type { Order } from '../types';
import { orderColumns } from './orderColumns';
import { orderFilters } from './orderFilters';
import { SavedViewsAside } from '../common/SavedViewsAside';

const columns = orderColumns();

export function OrderList() {
  return (
    <List filters={orderFilters} sort={{ field: 'startsAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<Order> bulkActionButtons={false}>
        {columns.reference}
        {columns.clientId}
        {columns.partnerId}
        {columns.serviceCode}
        {columns.startsAt}
        {columns.status}
        {columns.priceCents}
      </DataTable>
    </List>
  );
}
