/**
 * Suggest a limitation of the case's partner to ops (`POST /api/signals` with the case
 * attached): a signal, never a decision — a mediator cannot apply a limitation. The reason
 * and a note are required; confirmed in its dialog.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { SIGNAL_REASONS } from '../../../shared/domain';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import type { CaseRecord } from './caseTypes';
import { NoteField } from './NoteField';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

interface Suggestion {
  partnerId: number;
  reason: string;
  note: string;
  caseId: number;
}

export function SuggestLimitationButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'signals', action: 'create' });
  const [reason, setReason] = useState<string>('recent_case');
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: (signal: Suggestion) => dataProvider.create('signals', { data: signal }),
    done: `${T}.done.suggest`,
  });
  if (!record || canAccess !== true || record.partnerId == null) return null;

  return (
    <>
      <Button
        variant="outlined"
        color="warning"
        onClick={() => {
          setReason('recent_case');
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.suggest`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.suggest`)}
        help={translate(`${T}.help.suggest`)}
        confirmLabel={translate(`${T}.suggest`)}
        confirmColor="warning"
        busy={command.busy}
        canConfirm={note.trim().length > 0}
        error={command.error}
        onCancel={command.close}
        onConfirm={() => command.confirm({ partnerId: Number(record.partnerId), reason, note: note.trim(), caseId: Number(record.id) })}
      >
        <TextField select label={translate('resources.signals.fields.reason')} value={reason} onChange={(e) => setReason(e.target.value)} fullWidth margin="dense">
          {SIGNAL_REASONS.map((r) => (
            <MenuItem key={r} value={r}>
              {translate(enumKey('signalReason', r))}
            </MenuItem>
          ))}
        </TextField>
        <NoteField value={note} onChange={setNote} required />
      </CaseDialog>
    </>
  );
}
