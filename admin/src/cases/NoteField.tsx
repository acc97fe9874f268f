/** The note a case command records on the timeline with it (optional unless the command says so). */
import TextField from '@mui/material/TextField';
import { useTranslate } from 'react-admin';

export function NoteField({ value, onChange, required = false, label = 'app.cases.actions.note' }: { value: string; onChange: (note: string) => void; required?: boolean; label?: string }) {
  const translate = useTranslate();
  return (
    <TextField
      label={translate(label)}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={required}
      multiline
      minRows={2}
      fullWidth
      margin="dense"
    />
  );
}

/** The note as the server wants it: trimmed, and absent when empty. */
export const noteBody = (note: string): { note?: string } => (note.trim() ? { note: note.trim() } : {});
