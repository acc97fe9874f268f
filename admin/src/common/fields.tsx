/**
 * Fields the screens share: French money and dates whatever the UI language (the
 * staff work in France; DateField would otherwise follow the browser's locale), enum
 * labels, pretty JSON, and references to staff users that only admins may read.
 */
import {
  DateField,
  NumberField,
  ReferenceField,
  SelectField,
  TextField,
  useCanAccess,
  useFieldValue,
  type DateFieldProps,
  type FieldProps,
  type NumberFieldProps,
} from 'react-admin';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../apiUrl';
import { getJson } from '../httpClient';
import { choices, type EnumName } from './choices';
import { centsToEuros } from '../../../shared/euros';
import { DISPLAY_LOCALE, TIME_ZONE, formatFrenchDate } from './format';
import { formatIban, formatSiren, formatSiret } from '../../../shared/validators';

const EUROS: Intl.NumberFormatOptions = { style: 'currency', currency: 'EUR' };

/** An integer amount of cents shown as euros (`12,50 €`). */
export function MoneyField(props: Omit<NumberFieldProps, 'locales' | 'options' | 'transform'>) {
  return (
    <NumberField
      textAlign="right"
      {...props}
      locales={DISPLAY_LOCALE}
      options={EUROS}
      transform={(value: unknown) => (typeof value === 'number' ? centsToEuros(value) : NaN)}
    />
  );
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE };

/** An ISO instant shown as `07/03/2025 10:05`, Paris time. */
export function DateTimeField(props: Omit<DateFieldProps, 'locales' | 'options' | 'showTime'>) {
  return <DateField {...props} locales={DISPLAY_LOCALE} options={DATE_TIME} showTime />;
}

/**
 * A day shown as `07/03/2025`: a business date `YYYY-MM-DD` keeps its calendar day (no
 * time-zone shift), an instant shows its Paris day. Anything else is shown as sent: the server masks birth dates (`••••-••-••`) for the
 * roles that may not see them, and that mask must stay readable, not "Invalid Date".
 */
export function BusinessDateField(props: FieldProps) {
  const value = useFieldValue(props);
  if (value == null || value === '') return null;
  return (
    <Typography component="span" variant="body2">
      {typeof value === 'string' ? formatFrenchDate(value) : String(value)}
    </Typography>
  );
}

export function EnumField({ enumName, ...props }: FieldProps & { enumName: EnumName }) {
  return <SelectField {...props} choices={choices[enumName]} />;
}

/** A value of any shape (audit before/after), indented for reading. */
export function JsonField(props: FieldProps) {
  const value = useFieldValue(props);
  if (value == null) return null;
  return (
    <Typography
      component="pre"
      variant="body2"
      sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word', m: 0 }}
    >
      {JSON.stringify(value, null, 2)}
    </Typography>
  );
}

/**
 * A staff user's id (actorId, createdBy, assignedTo). Only admins may read `users`
 * (shared/permissions.ts): asking the server for others' names would be a 403 on every
 * row, so other roles see the id as sent.
 */
export function UserReferenceField(props: FieldProps) {
  const { canAccess, isPending } = useCanAccess({ resource: 'users', action: 'show' });
  if (isPending) return null;
  if (!canAccess) return <StaffNameField {...props} />;
  return <ReferenceField {...props} source={props.source ?? ''} reference="users" link="show" />;
}

/** A colleague by name for roles without the staff accounts (`GET /api/staff-names`): never an id. */
function StaffNameField(props: FieldProps) {
  const value = useFieldValue(props);
  const id = typeof value === 'number' ? value : null;
  const { data } = useQuery({
    queryKey: ['staff-names', id],
    queryFn: () => getJson<{ id: number; fullName: string }[]>(`${API_URL}/staff-names?ids=${id}`),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
  if (id === null) return <TextField {...props} />;
  return (
    <Typography component="span" variant="body2">
      {data?.[0]?.fullName ?? ''}
    </Typography>
  );
}

const IDENTIFIER_FORMATS = { siren: formatSiren, siret: formatSiret, iban: formatIban } as const;

/**
 * A SIREN (`123 456 789`), SIRET (`123 456 789 00012`) or IBAN (groups of 4) grouped for
 * reading aloud on the phone; a masked value (`FR76 •••• 0189`) is shown as the server sent it.
 */
export function IdentifierField({ kind, ...props }: FieldProps & { kind: keyof typeof IDENTIFIER_FORMATS }) {
  const value = useFieldValue(props);
  if (typeof value !== 'string' || value === '') return <TextField {...props} />;
  const shown = value.includes('•') ? value : IDENTIFIER_FORMATS[kind](value);
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {shown}
    </Typography>
  );
}
