/**
 * Live number checks in forms (REF-1, REF-2): the same shared/validators the server
 * runs, on every keystroke — the agent sees "valid: 732 829 320" or the reason at once,
 * and the form refuses to submit a number the server would refuse.
 */
import { FormDataConsumer, TextInput, useTranslate, type TextInputProps } from 'react-admin';
import { formatIban, formatSiren, formatSiret, validate, type ValidationKind } from '../../../shared/validators';

/** A react-admin validator: undefined when empty or valid, the bilingual reason otherwise. */
export function numberCheck(kind: ValidationKind) {
  return (value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    const r = validate(kind, String(value));
    return r.valid ? undefined : r.reason;
  };
}

/** The reason in the console's language: the shared reasons are "français / English". */
export function localReason(reason: string, locale: string): string {
  const [fr, en] = reason.split(' / ');
  return locale === 'en' && en ? en : fr;
}

export function displayNormalized(kind: ValidationKind, normalized: string): string {
  if (kind === 'iban') return formatIban(normalized);
  if (kind === 'siren') return formatSiren(normalized);
  if (kind === 'siret') return formatSiret(normalized);
  return normalized;
}

export function NumberCheckInput({ kind, source, ...props }: TextInputProps & { kind: ValidationKind; source: string }) {
  const translate = useTranslate();
  return (
    <FormDataConsumer>
      {({ formData }) => {
        const value = (formData as Record<string, unknown> | undefined)?.[source];
        let helper: string | false = false;
        if (typeof value === 'string' && value !== '') {
          const r = validate(kind, value);
          helper = r.valid ? translate('app.verification.numbers.valid', { normalized: displayNormalized(kind, r.normalized) }) : r.reason;
        }
        return <TextInput source={source} validate={numberCheck(kind)} helperText={helper} {...props} />;
      }}
    </FormDataConsumer>
  );
}
