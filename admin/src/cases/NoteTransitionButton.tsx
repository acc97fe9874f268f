/**
 * A case move whose only input is an optional note (amicable settlement, resolution): the
 * button, its confirmation dialog and the call. Offered while the status allows the move and
 * the role may (`cases:<transition>`); the labels are `app.cases.actions.<transition>`.
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

export interface NoteTransitionButtonProps {
  transition: 'amicable' | 'resolve';
  send(dataProvider: ConsoleDataProvider, id: Identifier, body: NoteBody): Promise<unknown>;
}

export function NoteTransitionButton({ transition, send }: NoteTransitionButtonProps) {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: transition });
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, body }: { id: Identifier; body: NoteBody }) => send(dataProvider, id, body),
    done: `${T}.done.${transition}`,
  });
  if (!record || canAccess !== true || !offeredTransitions(record, new Date()).includes(transition)) return null;
  return (
    <>
      <Button
        variant="contained"
        onClick={() => {
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.${transition}`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.${transition}`, { reference: record.reference })}
        help={translate(`${T}.help.${transition}`)}
        confirmLabel={translate(`${T}.${transition}`)}
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
