import { AutocompleteInput, DataTable, FilterList, FilterListItem, List, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { SavedViewsAside } from '../common/SavedViewsAside';
import { DayEndInput } from '../common/inputs';
import { CsvListActions } from '../export/CsvListActions';
import type { Limitation } from '../types';
import { limitationColumns as columns } from './limitationColumns';

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
        {columns.partnerId}
        {columns.kind}
        {columns.reason}
        {columns.modality}
        {columns.startsAt}
        {columns.endsAt}
        {columns.status}
      </DataTable>
    </List>
  );
}
