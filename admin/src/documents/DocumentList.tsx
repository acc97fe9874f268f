import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { BusinessDateField, EnumField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { PartnerDocument } from '../types';
import { SavedViewsAside } from '../common/SavedViewsAside';

const filters = [
  <SelectInput key="status" source="status" choices={choices.documentStatus} alwaysOn />,
  <SelectInput key="type" source="type" choices={choices.documentType} alwaysOn />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
];

/** Read-only for now: uploads and approvals come with the verification screens. */
export function DocumentList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<PartnerDocument> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="type">
          <EnumField source="type" enumName="documentType" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="documentStatus" />
        </DataTable.Col>
        <DataTable.Col source="fileName" />
        <DataTable.Col source="expiresAt">
          <BusinessDateField source="expiresAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
