import { AutocompleteInput, DataTable, FilterList, FilterListItem, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { SavedViewsAside } from '../common/SavedViewsAside';
import { DateTimeField, EnumField } from '../common/fields';
import { DayEndInput } from '../common/inputs';
import { CsvListActions } from '../export/CsvListActions';
import type { Limitation } from '../types';

const filters = [
  <SelectInput key="status" source="status" choices={choices.limitationStatus} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices.limitationKind} />,
  <SelectInput key="reason" source="reason" choices={choices.limitationReason} />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
  <DayEndInput key="endsAt_lte" source="endsAt_lte" />,
];

/** The review queues (LIM-6): limitations awaiting review, terminations waiting for a second pair of eyes. */
function QuickViews() {
  return (
    <SavedViewsAside>
      <FilterList label="app.limitations.views" icon={null}>
        <FilterListItem label="app.limitations.awaitingReview" value={{ status: 'awaiting_review' }} />
        <FilterListItem label="app.limitations.terminationPending" value={{ status: 'termination_pending' }} />
        <FilterListItem label="app.limitations.inForce" value={{ status: 'active' }} />
      </FilterList>
    </SavedViewsAside>
  );
}

export function LimitationList() {
  return (
    <List filters={filters} sort={{ field: 'startsAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<QuickViews />}>
      <DataTable<Limitation> bulkActionButtons={false}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <EnumField source="kind" enumName="limitationKind" />
        </DataTable.Col>
        <DataTable.Col source="reason">
          <EnumField source="reason" enumName="limitationReason" />
        </DataTable.Col>
        <DataTable.Col source="modality">
          <EnumField source="modality" enumName="limitationModality" />
        </DataTable.Col>
        <DataTable.Col source="startsAt">
          <DateTimeField source="startsAt" />
        </DataTable.Col>
        <DataTable.Col source="endsAt">
          <DateTimeField source="endsAt" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="limitationStatus" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
