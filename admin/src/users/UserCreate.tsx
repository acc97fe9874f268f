import { BooleanInput, Create, email, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { choices } from '../common/choices';
import { validatePasswordLength } from './userValidation';

export function UserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ active: true }} warnWhenUnsavedChanges>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="fullName" validate={required()} />
        <SelectInput source="role" choices={choices.role} validate={required()} />
        <BooleanInput source="active" />
        <PasswordInput
          source="password"
          autoComplete="new-password"
          helperText="app.users.passwordHelp"
          validate={[required(), validatePasswordLength]}
        />
      </SimpleForm>
    </Create>
  );
}
