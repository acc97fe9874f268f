/**
 * Apply a manual limitation (LIM-4, LIM-5): partner, reason, modality, end date (≤ 6 months),
 * note, and the evidence (the partner's orders, reviews, cases). Opened from a partner's page,
 * the partner comes prefilled (`?source={"partnerId":…}`, ApplyLimitationButton).
 */
import { AutocompleteInput, Create, DateTimeInput, ReferenceInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { choices } from '../common/choices';
import { EvidenceInput } from './EvidenceInput';

/**
 * The datetime-local input gives the user's wall-clock time without an offset
 * (`2026-12-21T18:00`); the API takes an instant with one (CONTRACT: ISO 8601 UTC).
 */
export function localDateTimeToIso(value: unknown): string | null {
  if (value == null || value === '') return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/**
 * LIM-4/LIM-8 checked before sending, so that the form says it under the date: in the future,
 * at most 6 calendar months ahead (the server's `maxLimitationMonths`; the server decides, 422).
 */
export const MAX_LIMITATION_MONTHS = 6;
export function validateEndsAt(value: unknown, _values?: unknown, _props?: unknown, now: Date = new Date()): string | undefined {
  if (value == null || value === '') return undefined;
  const end = new Date(String(value));
  if (Number.isNaN(end.getTime())) return undefined;
  if (end.getTime() <= now.getTime()) return 'app.limitations.endsAtPast';
  const latest = new Date(now.getTime());
  const day = latest.getDate();
  latest.setDate(1);
  latest.setMonth(latest.getMonth() + MAX_LIMITATION_MONTHS);
  latest.setDate(Math.min(day, new Date(latest.getFullYear(), latest.getMonth() + 1, 0).getDate()));
  return end.getTime() > latest.getTime() ? 'app.limitations.endsAtTooFar' : undefined;
}

/** LIM-4 (a)–(e): the automatic reason is the engine's, never chosen by hand. */
export const MANUAL_REASON_CHOICES = choices.limitationReason.filter((c) => c.id !== 'no_acceptance_in_last_50');

export function LimitationCreate() {
  return (
    <Create redirect="show">
      <SimpleForm warnWhenUnsavedChanges>
        <ReferenceInput source="partnerId" reference="partners" filter={{ status: 'active' }}>
          <AutocompleteInput validate={required()} />
        </ReferenceInput>
        <SelectInput source="reason" choices={MANUAL_REASON_CHOICES} validate={required()} />
        <SelectInput source="modality" choices={choices.limitationModality} validate={required()} />
        <DateTimeInput source="endsAt" validate={[required(), validateEndsAt]} helperText="app.limitations.endsAtHelp" parse={localDateTimeToIso} />
        <TextInput source="note" multiline minRows={3} fullWidth validate={required()} />
        <EvidenceInput source="evidence" />
      </SimpleForm>
    </Create>
  );
}
