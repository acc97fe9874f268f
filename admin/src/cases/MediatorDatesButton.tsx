/**
 * Record the mediator's dates once the case is referred (when the file reached them, when they
 * notified the parties: MED-5, MED-6), as long as one is missing. Saved with the case's own
 * update (`PUT /api/cases/{id}`): the server accepts these fields only once referred.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import type { CaseRecord } from './caseTypes';
import { DayField } from './DayField';
import { parisDayToInstant, parisToday } from './days';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

type MediatorDates = Pick<CaseRecord, 'mediatorReceivedAt' | 'mediatorNotifiedAt'>;

export function MediatorDatesButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'edit' });
  const [receivedOn, setReceivedOn] = useState('');
  const [notifiedOn, setNotifiedOn] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ previous, dates }: { previous: CaseRecord; dates: Partial<MediatorDates> }) =>
      dataProvider.update<CaseRecord>('cases', { id: previous.id, data: { ...previous, ...dates }, previousData: previous }),
    done: `${T}.done.mediatorDates`,
  });
  if (!record || canAccess !== true || record.status !== 'referred') return null;
  if (record.mediatorReceivedAt != null && record.mediatorNotifiedAt != null) return null;
  const today = parisToday();

  return (
    <>
      <Button
        variant="outlined"
        onClick={() => {
          setReceivedOn('');
          setNotifiedOn('');
          command.openDialog();
        }}
      >
        {translate(`${T}.mediatorDates`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.mediatorDates`)}
        help={translate(`${T}.help.mediatorDates`)}
        confirmLabel={translate('ra.action.save')}
        busy={command.busy}
        canConfirm={receivedOn !== '' || notifiedOn !== ''}
        error={command.error}
        onCancel={command.close}
        onConfirm={() =>
          command.confirm({
            previous: record,
            dates: {
              ...(receivedOn ? { mediatorReceivedAt: parisDayToInstant(receivedOn) } : {}),
              ...(notifiedOn ? { mediatorNotifiedAt: parisDayToInstant(notifiedOn) } : {}),
            },
          })
        }
      >
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
          {record.mediatorReceivedAt == null && (
            <DayField label="resources.cases.fields.mediatorReceivedAt" value={receivedOn} onChange={setReceivedOn} max={today} />
          )}
          {record.mediatorNotifiedAt == null && (
            <DayField label="resources.cases.fields.mediatorNotifiedAt" value={notifiedOn} onChange={setNotifiedOn} max={today} />
          )}
        </Stack>
      </CaseDialog>
    </>
  );
}
