/**
 * Open a case from an order (the client and the partner come from it, server-side): the
 * category, the date of the written complaint — a Paris calendar day, which starts the
 * MED-7 answer deadline and MED-5's one-year referral window — and what happened. The
 * case is assigned to whoever opens it. From an order's page, `?source={"orderId":…}`
 * prefills the order.
 */
import { AutocompleteInput, Create, DateInput, ReferenceInput, required, SelectInput, SimpleForm, TextInput, type Validator } from 'react-admin';
import { choices } from '../common/choices';
import { instantToParisDay, parisDayToInstant, parisToday } from './days';

/** A written complaint cannot be dated in the future (the day is compared in Paris). */
export const notInTheFuture: Validator = (value: unknown) => {
  const day = instantToParisDay(value);
  return day && day > parisToday() ? 'app.cases.create.futureDate' : undefined;
};

export function CaseCreate() {
  return (
    <Create redirect="show">
      <SimpleForm warnWhenUnsavedChanges>
        <ReferenceInput source="orderId" reference="orders" sort={{ field: 'startsAt', order: 'DESC' }}>
          <AutocompleteInput validate={required()} helperText="app.cases.create.orderHelp" />
        </ReferenceInput>
        <SelectInput source="category" choices={choices.caseCategory} validate={required()} />
        <DateInput
          source="writtenComplaintAt"
          parse={parisDayToInstant}
          format={instantToParisDay}
          validate={notInTheFuture}
          helperText="app.cases.create.complaintHelp"
        />
        <TextInput source="description" multiline minRows={4} fullWidth />
      </SimpleForm>
    </Create>
  );
}
