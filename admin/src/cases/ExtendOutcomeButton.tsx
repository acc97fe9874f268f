/**
 * Extend the outcome deadline of a referred case (MED-6), once the mediator notified the
 * parties: a number of days within the rule's maximum and a reason, both recorded on the
 * timeline. Confirmed in its dialog.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { MEDIATION_DEADLINES } from '../../../shared/mediation/deadlines';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import type { CaseRecord } from './caseTypes';
import { NoteField } from './NoteField';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

export function ExtendOutcomeButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'extend' });
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, days, reason }: { id: Identifier; days: number; reason: string }) => dataProvider.extendCaseOutcome(id, days, reason),
    done: `${T}.done.extend`,
  });
  if (!record || canAccess !== true || record.status !== 'referred' || record.mediatorNotifiedAt == null) return null;
  const daysNumber = Number(days);
  const daysOk = Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= MEDIATION_DEADLINES.maxExtensionDays;

  return (
    <>
      <Button
        variant="outlined"
        onClick={() => {
          setDays('30');
          setReason('');
          command.openDialog();
        }}
      >
        {translate(`${T}.extend`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.extend`)}
        help={translate(`${T}.help.extend`)}
        confirmLabel={translate(`${T}.extend`)}
        busy={command.busy}
        canConfirm={daysOk && reason.trim().length >= 3}
        error={command.error}
        onCancel={command.close}
        onConfirm={() => command.confirm({ id: record.id, days: daysNumber, reason: reason.trim() })}
      >
        <TextField
          type="number"
          label={translate(`${T}.extendDays`)}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={!daysOk}
          slotProps={{ htmlInput: { min: 1, max: MEDIATION_DEADLINES.maxExtensionDays, step: 1 } }}
          fullWidth
          margin="dense"
        />
        <NoteField label={`${T}.extendReason`} value={reason} onChange={setReason} required />
      </CaseDialog>
    </>
  );
}
