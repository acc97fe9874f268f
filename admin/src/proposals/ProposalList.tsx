import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { Proposal } from '../types';

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
        <DataTable.Col source="orderId">
          <ReferenceField source="orderId" reference="orders" />
        </DataTable.Col>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.NumberCol source="rank" />
        <DataTable.Col source="sentAt">
          <DateTimeField source="sentAt" />
        </DataTable.Col>
        <DataTable.Col source="deadlineAt">
          <DateTimeField source="deadlineAt" />
        </DataTable.Col>
        <DataTable.Col source="answer">
          <EnumField source="answer" enumName="proposalAnswer" />
        </DataTable.Col>
        <DataTable.Col source="answeredAt">
          <DateTimeField source="answeredAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
