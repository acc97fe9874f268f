/**
 * Mark a case resolved: the dispute is settled amicably and the case only remains to be
 * closed. Confirmed first — it cannot be undone — with an optional note; offered while the
 * status allows it and the role may (cases:resolve).
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

export function ResolveButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'resolve' });
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, body }: { id: Identifier; body: NoteBody }) => dataProvider.resolveCase(id, body),
    done: `${T}.done.resolve`,
  });
  if (!record || canAccess !== true || !offeredTransitions(record, new Date()).includes('resolve')) return null;
  return (
    <>
      <Button
        variant="contained"
        onClick={() => {
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.resolve`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.resolve`, { reference: record.reference })}
        help={translate(`${T}.help.resolve`)}
        confirmLabel={translate(`${T}.resolve`)}
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
