import { BooleanField, EditButton, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';
import { LockStateField } from './LockStateField';
import { UnlockButton } from './UnlockButton';

export function UserShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <UnlockButton />
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
        <LockStateField label="resources.users.fields.lockedUntil" />
      </SimpleShowLayout>
    </Show>
  );
}
