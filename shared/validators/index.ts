/**
 * Number checks of the partner verification workspace (rules REF-1, REF-2), behind
 * `POST /api/validate` (../shared/CONTRACT.md) and the SPA's inline form checks.
 * Pure and dependency-free: the browser and the server run the same code.
 */
import { checkIban, formatIban } from './iban';
import { MAX_INPUT_LENGTH, type CheckResult, type FailureCode } from './normalize';
import { checkSiren } from './siren';
import { checkSiret } from './siret';
import { checkVat } from './vat';

export const VALIDATION_KINDS = ['siren', 'siret', 'vat', 'iban'] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

export type ValidationResult = { valid: true; normalized: string } | { valid: false; reason: string };

/** One reason per failure: French first, then English after ` / `. */
export const REASONS: Readonly<Record<FailureCode, string>> = Object.freeze({
  empty: 'Valeur vide. / Empty value.',
  bad_characters: 'Caractères non autorisés. / Invalid characters.',
  wrong_length: 'Longueur incorrecte. / Wrong length.',
  bad_checksum: 'Clé de contrôle invalide. / Invalid checksum.',
  unknown_country: 'Code pays inconnu ou sans IBAN. / Unknown or non-IBAN country code.',
  bad_bban_format: 'Format du compte (BBAN) incorrect pour ce pays. / Account (BBAN) format does not match the country.',
  bad_rib_key: 'Clé RIB invalide. / Invalid RIB key.',
});

const CHECKS: Readonly<Record<ValidationKind, (value: string) => CheckResult>> = {
  siren: checkSiren,
  siret: checkSiret,
  vat: checkVat,
  iban: checkIban,
};

export function isValidationKind(kind: unknown): kind is ValidationKind {
  return typeof kind === 'string' && (VALIDATION_KINDS as readonly string[]).includes(kind);
}

/**
 * Checks `value` as a SIREN, SIRET, French VAT number or IBAN. A refused number is a
 * normal outcome (`valid: false` with a bilingual reason), not an error; an unknown
 * `kind` is a programming error and throws.
 * `normalized` is the compact canonical form: digits for SIREN/SIRET, `FR` + key + SIREN
 * for VAT, upper-case without separators for IBAN (display it with `formatIban`).
 */
export function validate(kind: ValidationKind, value: string): ValidationResult {
  if (!isValidationKind(kind)) throw new TypeError(`Unknown validation kind: ${String(kind)}`);
  if (typeof value !== 'string' || value.trim() === '') return { valid: false, reason: REASONS.empty };
  if (value.length > MAX_INPUT_LENGTH) return { valid: false, reason: REASONS.wrong_length };
  const result = CHECKS[kind](value);
  return result.ok ? { valid: true, normalized: result.value } : { valid: false, reason: REASONS[result.code] };
}

export { formatIban };
export { normalize, FAILURE_CODES, MAX_INPUT_LENGTH, type CheckResult, type FailureCode } from './normalize';
export { isLuhnValid, luhnCheckDigit } from './luhn';
export { checkSiren, formatSiren, isValidSiren, SIREN_LENGTH } from './siren';
export {
  checkSiret,
  formatSiret,
  isValidSiret,
  hasValidSiretChecksum,
  sirenOfSiret,
  SIRET_LENGTH,
  LA_POSTE_SIREN,
  LA_POSTE_HEAD_OFFICE_SIRET,
} from './siret';
export { checkVat, isValidVat, vatKey, vatFromSiren, VAT_KEY_ALPHABET } from './vat';
export {
  checkIban,
  isValidIban,
  ibanCheckDigits,
  ibanCountryFormat,
  mod97,
  bbanPattern,
  ribKey,
  hasValidRibKey,
  RIB_KEY_COUNTRIES,
} from './iban';
export { IBAN_REGISTRY, type IbanCountryFormat } from './ibanRegistry';
