import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { MediationCase } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices.caseStatus} alwaysOn />,
  <SelectInput key="category" source="category" choices={choices.caseCategory} />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
];

const csvColumns: CsvColumn<MediationCase>[] = [
  { source: 'reference' },
  { source: 'orderId' },
  { source: 'clientId' },
  { source: 'partnerId' },
  { source: 'category', kind: 'enum', enumName: 'caseCategory' },
  { source: 'status', kind: 'enum', enumName: 'caseStatus' },
  { source: 'answerDueAt', kind: 'datetime' },
  { source: 'outcomeDueAt', kind: 'datetime' },
  { source: 'outcome', kind: 'enum', enumName: 'caseOutcome' },
  { source: 'refundCents', kind: 'money' },
  { source: 'createdAt', kind: 'datetime' },
];

/** Read-only for now: the mediation screens (events, evidence, transitions) come next. */
export function CaseList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={exporter}>
      <DataTable<MediationCase> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="reference" />
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="clientId">
          <ReferenceField source="clientId" reference="clients" />
        </DataTable.Col>
        <DataTable.Col source="category">
          <EnumField source="category" enumName="caseCategory" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="caseStatus" />
        </DataTable.Col>
        <DataTable.Col source="answerDueAt">
          <DateTimeField source="answerDueAt" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
