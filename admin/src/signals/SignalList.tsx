import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Signal } from '../types';
import { SavedViewsAside } from '../common/SavedViewsAside';

const filters = [
  <SelectInput key="status" source="status" choices={choices.signalStatus} alwaysOn />,
  <SelectInput key="reason" source="reason" choices={choices.signalReason} />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
];

/** Read by ops and admins: suggestions for review (CONTRACT.md "Limitations"). */
export function SignalList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<Signal> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="reason">
          <EnumField source="reason" enumName="signalReason" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="signalStatus" />
        </DataTable.Col>
        <DataTable.Col source="note">
          <TextField source="note" sx={{ display: 'block', maxWidth: '40ch' }} />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
