import { BooleanInput, Edit, email, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { choices } from '../common/choices';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { validatePasswordLength, withoutEmptyPassword } from './userValidation';

/** Staff accounts are deactivated (`active`), not deleted: the audit log keeps pointing at them. */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={withoutEmptyPassword}>
      <SimpleForm toolbar={<SaveOnlyToolbar />} warnWhenUnsavedChanges>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="fullName" validate={required()} />
        <SelectInput source="role" choices={choices.role} validate={required()} />
        <BooleanInput source="active" />
        <PasswordInput
          source="password"
          label="resources.users.fields.newPassword"
          autoComplete="new-password"
          helperText="app.users.newPasswordHelp"
          validate={validatePasswordLength}
        />
      </SimpleForm>
    </Edit>
  );
}
