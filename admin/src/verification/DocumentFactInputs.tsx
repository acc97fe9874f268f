/**
 * The facts an agent records on approving a document (VER-5): its dates always, and those
 * the requirements table needs for its type (marked *), the IBAN checked as it is typed.
 */
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useLocaleState, useTranslate } from 'react-admin';
import { validate } from '../../../shared/validators';
import { QUALIFICATION_CODES } from '../../../shared/verification/requirements';
import { localReason } from './NumberCheckInput';
import type { DocumentFacts, DocumentRow } from './verificationTypes';

const FACT_ORDER = ['issuedAt', 'expiresAt', 'qualification', 'holderName', 'iban', 'worksInFranceAuthorised'] as const;

export function DocumentFactInputs({ facts, needed, onChange }: { facts: DocumentFacts; needed: readonly string[]; onChange: (f: DocumentFacts) => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const show = FACT_ORDER.filter((f) => f === 'issuedAt' || f === 'expiresAt' || needed.includes(f));
  const label = (f: string) => `${translate(`app.verification.facts.${f}`)}${needed.includes(f) ? ' *' : ''}`;
  const ibanCheck = typeof facts.iban === 'string' && facts.iban !== '' ? validate('iban', facts.iban) : null;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      {show.map((f) => {
        switch (f) {
          case 'issuedAt':
          case 'expiresAt':
            return (
              <TextField
                key={f}
                type="date"
                label={label(f)}
                value={(facts[f] as string) ?? ''}
                onChange={(e) => onChange({ ...facts, [f]: e.target.value || null })}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            );
          case 'qualification':
            return (
              <TextField key={f} select label={label(f)} value={(facts[f] as string) ?? ''} onChange={(e) => onChange({ ...facts, [f]: e.target.value || null })}>
                {QUALIFICATION_CODES.map((q) => (
                  <MenuItem key={q} value={q}>
                    {translate(`app.verification.qualifications.${q}`)}
                  </MenuItem>
                ))}
              </TextField>
            );
          case 'worksInFranceAuthorised':
            return (
              <Box key={f}>
                <FormLabel id="works-in-france">{label(f)}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="works-in-france"
                  value={facts[f] === true ? 'yes' : facts[f] === false ? 'no' : ''}
                  onChange={(e) => onChange({ ...facts, [f]: e.target.value === 'yes' })}
                >
                  <FormControlLabel value="yes" control={<Radio />} label={translate('app.common.yes')} />
                  <FormControlLabel value="no" control={<Radio />} label={translate('app.common.no')} />
                </RadioGroup>
              </Box>
            );
          default:
            return (
              <TextField
                key={f}
                label={label(f)}
                value={(facts[f] as string) ?? ''}
                onChange={(e) => onChange({ ...facts, [f]: e.target.value })}
                error={f === 'iban' && ibanCheck !== null && !ibanCheck.valid}
                helperText={f === 'iban' && ibanCheck ? (ibanCheck.valid ? translate('app.verification.numbers.valid', { normalized: ibanCheck.normalized }) : localReason(ibanCheck.reason, locale)) : undefined}
              />
            );
        }
      })}
    </Stack>
  );
}

/** The facts the document carries now: what the agent starts from. */
export function factsOf(doc: DocumentRow): DocumentFacts {
  return {
    issuedAt: doc.issuedAt,
    expiresAt: doc.expiresAt,
    qualification: doc.qualification,
    holderName: doc.holderName,
    iban: doc.iban,
    worksInFranceAuthorised: doc.worksInFranceAuthorised,
  };
}

/** Only the facts that changed (and no empty strings): the server validates what it receives. */
export function changedFacts(before: DocumentFacts, after: DocumentFacts): DocumentFacts {
  const out: DocumentFacts = {};
  for (const f of FACT_ORDER) {
    const v = after[f] === '' ? null : after[f];
    if (v !== before[f]) out[f] = v;
  }
  return out;
}
