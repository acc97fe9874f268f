import { BooleanField, EditButton, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';

export function UserShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="fullName" />
        <TextField source="email" />
        <EnumField source="role" enumName="role" />
        <BooleanField source="active" />
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
}
