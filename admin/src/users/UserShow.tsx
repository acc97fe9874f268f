import { BooleanField, EditButton, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';
import { LockStateField } from './LockStateField';
import { UnlockButton } from './UnlockButton';
import { ResetTotpButton } from './ResetTotpButton';

export function UserShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <UnlockButton />
          <ResetTotpButton />
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
        <DateTimeField source="totpEnrolledAt" emptyText="app.twoStep.off" />
      </SimpleShowLayout>
    </Show>
  );
}
