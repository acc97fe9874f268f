/** A Paris calendar day typed in a case dialog (`YYYY-MM-DD`), never after `max` (today: these dates are facts, not plans). */
import TextField from '@mui/material/TextField';
import { useTranslate } from 'react-admin';

export function DayField({
  label,
  value,
  onChange,
  max,
  optional = false,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
  max: string;
  optional?: boolean;
}) {
  const translate = useTranslate();
  return (
    <TextField
      type="date"
      label={translate(label)}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { max } }}
      helperText={optional ? translate('app.cases.actions.optional') : undefined}
      fullWidth
    />
  );
}
