/**
 * Record (or correct) the written complaint's date (MED-5 1°, MED-7): it starts the answer
 * deadline and the referral window, so it can be set until the case is referred. Saved with
 * the case's own update (`PUT /api/cases/{id}`, the whole record as react-admin sends it).
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import type { CaseRecord } from './caseTypes';
import { instantToParisDay, parisDayToInstant, parisToday } from './days';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

export function ComplaintDateButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'edit' });
  const [complaintOn, setComplaintOn] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ previous, writtenComplaintAt }: { previous: CaseRecord; writtenComplaintAt: string | null }) =>
      dataProvider.update<CaseRecord>('cases', { id: previous.id, data: { ...previous, writtenComplaintAt }, previousData: previous }),
    done: `${T}.done.complaintDate`,
  });
  if (!record || canAccess !== true || (record.status !== 'open' && record.status !== 'amicable')) return null;
  const today = parisToday();

  return (
    <>
      <Button
        variant="outlined"
        onClick={() => {
          setComplaintOn(instantToParisDay(record.writtenComplaintAt));
          command.openDialog();
        }}
      >
        {translate(`${T}.complaintDate`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.complaintDate`)}
        help={translate(`${T}.help.complaintDate`)}
        confirmLabel={translate('ra.action.save')}
        busy={command.busy}
        canConfirm={complaintOn !== '' && complaintOn <= today}
        error={command.error}
        onCancel={command.close}
        onConfirm={() => command.confirm({ previous: record, writtenComplaintAt: parisDayToInstant(complaintOn) })}
      >
        <TextField
          type="date"
          label={translate('resources.cases.fields.writtenComplaintAt')}
          value={complaintOn}
          onChange={(e) => setComplaintOn(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, 'data-testid': 'complaint-date' } }}
          fullWidth
          margin="dense"
        />
      </CaseDialog>
    </>
  );
}
