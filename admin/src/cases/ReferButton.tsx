/**
 * Refer a case to the consumer mediator (MED-3, MED-5): the dialog shows the referral's
 * admissibility first and takes the mediator's dates when already known; the server decides
 * (422 with MED-5's reason, kept in the dialog). Not offered while MED-8 would refuse it
 * (an open case before the answer deadline: the deadline panel says why).
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { referralAdmissibility } from '../../../shared/mediation/deadlines';
import { formatBusinessDate } from '../common/format';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import { offeredTransitions } from './caseRules';
import type { CaseRecord, ReferBody } from './caseTypes';
import { DayField } from './DayField';
import { parisDayToInstant, parisToday } from './days';
import { NoteField, noteBody } from './NoteField';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

export function ReferButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'refer' });
  const [receivedOn, setReceivedOn] = useState('');
  const [notifiedOn, setNotifiedOn] = useState('');
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, body }: { id: Identifier; body: ReferBody }) => dataProvider.referCase(id, body),
    done: `${T}.done.refer`,
  });
  if (!record || canAccess !== true || !offeredTransitions(record, new Date()).includes('refer')) return null;
  const admissibility = referralAdmissibility(record.writtenComplaintAt, new Date());
  const today = parisToday();

  return (
    <>
      <Button
        variant="contained"
        onClick={() => {
          setReceivedOn('');
          setNotifiedOn('');
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.refer`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.refer`, { reference: record.reference })}
        help={translate(`${T}.help.refer`)}
        confirmLabel={translate(`${T}.refer`)}
        confirmColor="warning"
        busy={command.busy}
        error={command.error}
        onCancel={command.close}
        onConfirm={() =>
          command.confirm({
            id: record.id,
            body: {
              ...(receivedOn ? { mediatorReceivedAt: parisDayToInstant(receivedOn) } : {}),
              ...(notifiedOn ? { mediatorNotifiedAt: parisDayToInstant(notifiedOn) } : {}),
              ...noteBody(note),
            },
          })
        }
      >
        {admissibility.admissible ? (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('app.cases.deadlines.admissibleUntil', { date: formatBusinessDate(admissibility.lastDate) })}
          </Alert>
        ) : (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="referral-inadmissible">
            {translate(`app.cases.deadlines.inadmissible.${admissibility.reason}`, {
              date: admissibility.lastDate ? formatBusinessDate(admissibility.lastDate) : '',
            })}
          </Alert>
        )}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <DayField label="resources.cases.fields.mediatorReceivedAt" value={receivedOn} onChange={setReceivedOn} max={today} optional />
          <DayField label="resources.cases.fields.mediatorNotifiedAt" value={notifiedOn} onChange={setNotifiedOn} max={today} optional />
        </Stack>
        <NoteField value={note} onChange={setNote} />
      </CaseDialog>
    </>
  );
}
