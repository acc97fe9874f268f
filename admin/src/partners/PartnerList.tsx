import { DataTable, List } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';
import { DISPLAY_LOCALE } from '../common/format';
import { CsvListActions } from '../export/CsvListActions';
import type { Partner } from '../types';
import { partnerFilters } from './partnerFilters';
import { SavedViewsAside } from '../common/SavedViewsAside';

export function PartnerList() {
  return (
    <List filters={partnerFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<Partner> bulkActionButtons={false}>
        <DataTable.Col source="reference" />
        <DataTable.Col
          source="lastName"
          label="resources.partners.fields.name"
          render={(p) => `${p.firstName} ${p.lastName}`}
        />
        <DataTable.Col source="city" />
        <DataTable.Col source="vertical">
          <EnumField source="vertical" enumName="vertical" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="partnerStatus" />
        </DataTable.Col>
        <DataTable.Col source="limitation">
          <EnumField source="limitation" enumName="limitationModality" />
        </DataTable.Col>
        <DataTable.NumberCol source="score" locales={DISPLAY_LOCALE} />
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
