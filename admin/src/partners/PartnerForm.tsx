import {
  ArrayInput,
  AutocompleteArrayInput,
  DateInput,
  email,
  maxValue,
  minValue,
  NumberInput,
  ReferenceArrayInput,
  regex,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  type SimpleFormProps,
} from 'react-admin';
import { choices, WEEKDAY_CHOICES } from '../common/choices';
import { validateSlotEnd, validateTime } from '../common/inputs';
import { SaveOnlyToolbar } from '../common/SaveOnlyToolbar';
import { NumberCheckInput } from '../verification/NumberCheckInput';

/**
 * The editable fields of a partner (CONTRACT.md): statuses, score and limitation only
 * change through actions, so they are not here. SIREN and IBAN are checked as they are
 * typed with the shared validators; the server checks again (a 422 lands under the field).
 */
export function PartnerForm({ payoutFrequency = false, ...props }: Omit<SimpleFormProps, 'children'> & { payoutFrequency?: boolean }) {
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} warnWhenUnsavedChanges {...props}>
      <TextInput source="firstName" validate={required()} />
      <TextInput source="lastName" validate={required()} />
      <TextInput source="email" type="email" validate={[required(), email()]} />
      <TextInput source="phone" />
      <DateInput source="birthDate" />
      <TextInput source="address" fullWidth />
      <TextInput source="postcode" validate={regex(/^\d{5}$/, 'ra.validation.regex')} />
      <TextInput source="city" />
      <NumberInput source="lat" step={0.000001} validate={[minValue(-90), maxValue(90)]} />
      <NumberInput source="lng" step={0.000001} validate={[minValue(-180), maxValue(180)]} />
      {/* Live number checks (REF-1, REF-2): the shared validators, as the server runs them. */}
      <NumberCheckInput kind="siren" source="siren" />
      <NumberCheckInput kind="iban" source="iban" />
      <SelectInput source="vertical" choices={choices.vertical} validate={required()} />
      <ReferenceArrayInput source="services" reference="services" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteArrayInput optionText="name" />
      </ReferenceArrayInput>
      <NumberInput source="radiusKm" min={0} validate={minValue(0)} />
      <ArrayInput source="weeklyHours">
        <SimpleFormIterator inline disableReordering>
          <SelectInput
            source="day"
            label="resources.partners.fields.weeklyHours.day"
            choices={WEEKDAY_CHOICES}
            validate={required()}
          />
          <TextInput
            source="from"
            label="resources.partners.fields.weeklyHours.from"
            placeholder="08:00"
            validate={[required(), validateTime]}
          />
          <TextInput
            source="to"
            label="resources.partners.fields.weeklyHours.to"
            placeholder="12:00"
            validate={[required(), validateTime, validateSlotEnd]}
          />
        </SimpleFormIterator>
      </ArrayInput>
      {/* PAY-7: weekly or monthly payouts, from the next period boundary (an existing partner only). */}
      {payoutFrequency && <SelectInput source="payoutFrequency" choices={choices.payoutFrequency} validate={required()} helperText="resources.partners.payoutFrequencyHelp" />}
    </SimpleForm>
  );
}
