import { useRecordContext, useTranslate } from 'react-admin';
import Typography from '@mui/material/Typography';
import type { WeeklySlot } from '../../../shared/domain';
import { enumKey } from '../common/choices';

/** `Lundi 08:00–12:00`, one line per slot, in weekday order. */
export function WeeklyHoursField(_props: { label?: string }) {
  const record = useRecordContext<{ id: string | number; weeklyHours?: WeeklySlot[] }>();
  const translate = useTranslate();
  const slots = [...(record?.weeklyHours ?? [])].sort((a, b) => a.day - b.day || a.from.localeCompare(b.from));
  if (slots.length === 0) return null;
  return (
    <Typography component="ul" variant="body2" sx={{ m: 0, pl: 2 }}>
      {slots.map((slot) => (
        <li key={`${slot.day}-${slot.from}`}>
          {translate(enumKey('weekday', slot.day))} {slot.from}–{slot.to}
        </li>
      ))}
    </Typography>
  );
}
