import { AutocompleteInput, DataTable, List, ReferenceField, ReferenceInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { DayEndInput } from '../common/inputs';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
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

const csvColumns: CsvColumn<Limitation>[] = [
  { source: 'partnerId' },
  { source: 'kind', kind: 'enum', enumName: 'limitationKind' },
  { source: 'reason', kind: 'enum', enumName: 'limitationReason' },
  { source: 'modality', kind: 'enum', enumName: 'limitationModality' },
  { source: 'startsAt', kind: 'datetime' },
  { source: 'endsAt', kind: 'datetime' },
  { source: 'status', kind: 'enum', enumName: 'limitationStatus' },
];

export function LimitationList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'startsAt', order: 'DESC' }} exporter={exporter}>
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
