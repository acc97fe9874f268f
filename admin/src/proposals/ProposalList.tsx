import { AutocompleteInput, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { CsvListActions } from '../export/CsvListActions';
import type { Proposal } from '../types';
import { proposalColumns as columns } from './proposalColumns';

const filters = [
  <ReferenceInput key="orderId" source="orderId" reference="orders" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="answer" source="answer" choices={choices.proposalAnswer} alwaysOn />,
];

export function ProposalList() {
  return (
    <List filters={filters} sort={{ field: 'sentAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<Proposal> bulkActionButtons={false} rowClick={false}>
        {columns.orderId}
        {columns.partnerId}
        {columns.rank}
        {columns.sentAt}
        {columns.deadlineAt}
        {columns.answer}
        {columns.answeredAt}
      </DataTable>
    </List>
  );
}
