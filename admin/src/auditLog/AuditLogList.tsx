import { DataTable, List, TextInput } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { DayEndInput, DayStartInput } from '../common/inputs';
import { CsvListActions } from '../export/CsvListActions';
import type { AuditEntry } from '../types';
import { ActorFilterInput } from './ActorFilterInput';
import { AuditActionField, AuditActorField, AuditRecordField } from './AuditFields';
import { AuditResourceInput } from './AuditResourceInput';
import { SavedViewsAside } from '../common/SavedViewsAside';

const filters = [
  <AuditResourceInput key="resource" source="resource" alwaysOn />,
  <TextInput key="action" source="action" alwaysOn />,
  <ActorFilterInput key="actorId" source="actorId" />,
  <TextInput key="resourceId" source="resourceId" />,
  <DayStartInput key="at_gte" source="at_gte" />,
  <DayEndInput key="at_lte" source="at_lte" />,
];

/** Read only, append-only on the server: who did what to which record, in words. */
export function AuditLogList() {
  return (
    <List filters={filters} sort={{ field: 'at', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      <DataTable<AuditEntry> bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="at">
          <DateTimeField source="at" />
        </DataTable.Col>
        <DataTable.Col source="actorName" disableSort>
          <AuditActorField />
        </DataTable.Col>
        <DataTable.Col source="action">
          <AuditActionField />
        </DataTable.Col>
        <DataTable.Col source="record" disableSort>
          <AuditRecordField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
