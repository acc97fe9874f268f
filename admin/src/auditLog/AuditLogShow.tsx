import { Show, SimpleShowLayout } from 'react-admin';
import { DateTimeField } from '../common/fields';
import { AuditActorField, AuditChangesField, AuditRecordField, AuditSentenceField } from './AuditFields';

/** Who did what to which record, when, and the fields that changed. */
export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <AuditSentenceField label={false} />
        <DateTimeField source="at" />
        <AuditActorField label="resources.audit-log.fields.actorName" />
        <AuditRecordField label="resources.audit-log.fields.record" />
        <AuditChangesField label="app.audit.changes" />
      </SimpleShowLayout>
    </Show>
  );
}
