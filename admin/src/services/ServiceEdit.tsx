import { Edit, minValue, NumberInput, required, SimpleForm, TextInput } from 'react-admin';
import { MoneyInput } from '../common/inputs';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';

/** Admin only (the permission table): name, duration and prices; the code and vertical are fixed. */
export function ServiceEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<SaveOnlyToolbar />} warnWhenUnsavedChanges>
        <TextInput source="id" disabled />
        <TextInput source="name" validate={required()} />
        <NumberInput source="durationMin" min={1} validate={[required(), minValue(1)]} />
        <MoneyInput source="priceCents" validate={[required(), minValue(0)]} />
        <MoneyInput source="partnerPayCents" validate={[required(), minValue(0)]} />
      </SimpleForm>
    </Edit>
  );
}
