/**
 * Start the amicable settlement of a case (MED-1): the platform intermediates between the
 * client and the partner. Confirmed first — the case cannot go back to "open" — with an
 * optional note; offered while the status allows it and the role may (cases:amicable).
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import { offeredTransitions } from './caseRules';
import type { CaseRecord, NoteBody } from './caseTypes';
import { NoteField, noteBody } from './NoteField';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

export function AmicableButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'amicable' });
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, body }: { id: Identifier; body: NoteBody }) => dataProvider.startAmicable(id, body),
    done: `${T}.done.amicable`,
  });
  if (!record || canAccess !== true || !offeredTransitions(record, new Date()).includes('amicable')) return null;
  return (
    <>
      <Button
        variant="contained"
        onClick={() => {
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.amicable`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.amicable`, { reference: record.reference })}
        help={translate(`${T}.help.amicable`)}
        confirmLabel={translate(`${T}.amicable`)}
        busy={command.busy}
        error={command.error}
        onCancel={command.close}
        onConfirm={() => command.confirm({ id: record.id, body: noteBody(note) })}
      >
        <NoteField value={note} onChange={setNote} />
      </CaseDialog>
    </>
  );
}
