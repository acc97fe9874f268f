/** A partner's payout frequency (PAY-4), and a change waiting for the next boundary (PAY-7). */
import { parisDate } from '../../../shared/calendar/paris';
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatFrenchDate } from '../common/format';
import { enumKey } from '../common/choices';

interface FrequencyRecord {
  payoutFrequency?: string;
  previousPayoutFrequency?: string | null;
  payoutFrequencyFrom?: string | null;
}

/** Whether a change of frequency is still to take effect (its boundary is after today, Paris). */
export function pendingFrequencyChange(record: FrequencyRecord, today: string): boolean {
  return Boolean(record.previousPayoutFrequency && record.payoutFrequencyFrom && today < record.payoutFrequencyFrom);
}

export function PayoutFrequencyField(_props: { label?: string }) {
  const record = useRecordContext<FrequencyRecord & { id: number }>();
  const translate = useTranslate();
  if (!record?.payoutFrequency) return null;
  const today = parisDate(new Date());
  const pending = pendingFrequencyChange(record, today);
  const inForce = pending ? record.previousPayoutFrequency! : record.payoutFrequency;
  return (
    <Typography component="span" variant="body2">
      {translate(enumKey('payoutFrequency', inForce))}
      {pending && (
        <>
          {' — '}
          {translate('resources.payouts.frequencyChange', {
            frequency: translate(enumKey('payoutFrequency', record.payoutFrequency)).toLowerCase(),
            date: formatFrenchDate(record.payoutFrequencyFrom!),
          })}
        </>
      )}
    </Typography>
  );
}
