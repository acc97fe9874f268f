/** Apply a manual limitation (LIM-4, LIM-5): partner, reason, modality, end date (≤ 6 months), note. */
import { AutocompleteInput, Create, DateTimeInput, ReferenceInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { choices } from '../common/choices';

/** LIM-4 (a)–(e): the automatic reason is the engine's, never chosen by hand. */
export const MANUAL_REASON_CHOICES = choices.limitationReason.filter((c) => c.id !== 'no_acceptance_in_last_50');

export function LimitationCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="partnerId" reference="partners" filter={{ status: 'active' }}>
          <AutocompleteInput validate={required()} />
        </ReferenceInput>
        <SelectInput source="reason" choices={MANUAL_REASON_CHOICES} validate={required()} />
        <SelectInput source="modality" choices={choices.limitationModality} validate={required()} />
        <DateTimeInput source="endsAt" validate={required()} helperText="app.limitations.endsAtHelp" />
        <TextInput source="note" multiline minRows={3} fullWidth validate={required()} />
      </SimpleForm>
    </Create>
  );
}
