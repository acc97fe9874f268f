import { DataTable, List, TextInput } from 'react-admin';
import { DateTimeField, UserReferenceField } from '../common/fields';
import { DayEndInput, DayStartInput } from '../common/inputs';
import { ResourceNameInput } from '../common/ResourceNameInput';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { AuditEntry } from '../types';
import { ActorFilterInput } from './ActorFilterInput';

const filters = [
  <ResourceNameInput key="resource" source="resource" alwaysOn />,
  <TextInput key="action" source="action" alwaysOn />,
  <ActorFilterInput key="actorId" source="actorId" />,
  <TextInput key="resourceId" source="resourceId" />,
  <DayStartInput key="at_gte" source="at_gte" />,
  <DayEndInput key="at_lte" source="at_lte" />,
];

const csvColumns: CsvColumn<AuditEntry>[] = [
  { source: 'at', kind: 'datetime' },
  { source: 'actorId' },
  { source: 'action' },
  { source: 'resource' },
  { source: 'resourceId' },
  { source: 'before' },
  { source: 'after' },
];

/** Read only, append-only on the server. */
export function AuditLogList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'at', order: 'DESC' }} exporter={exporter}>
      <DataTable<AuditEntry> bulkActionButtons={false}>
        <DataTable.Col source="at">
          <DateTimeField source="at" />
        </DataTable.Col>
        <DataTable.Col source="actorId">
          <UserReferenceField source="actorId" />
        </DataTable.Col>
        <DataTable.Col source="action" />
        <DataTable.Col source="resource" />
        <DataTable.Col source="resourceId" />
      </DataTable>
    </List>
  );
}
