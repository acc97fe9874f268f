import { AutocompleteInput, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { CsvListActions } from '../export/CsvListActions';
import type { PartnerDocument } from '../types';
import { SavedViewsAside } from '../common/SavedViewsAside';
import { documentColumns as columns } from './documentColumns';

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
        {columns.partnerId}
        {columns.type}
        {columns.status}
        {columns.fileName}
        {columns.expiresAt}
      </DataTable>
    </List>
  );
}
