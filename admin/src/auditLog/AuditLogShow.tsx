import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField, JsonField, UserReferenceField } from '../common/fields';

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DateTimeField source="at" />
        <UserReferenceField source="actorId" />
        <TextField source="action" />
        <TextField source="resource" />
        <TextField source="resourceId" />
        <JsonField source="before" />
        <JsonField source="after" />
      </SimpleShowLayout>
    </Show>
  );
}
