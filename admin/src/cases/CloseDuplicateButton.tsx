/**
 * Close a case as a duplicate of another (`POST /api/cases/{id}/close-duplicate`): the mediator
 * types the original's reference, the dialog shows the case found (or that there is none)
 * before the confirmation — closing cannot be undone. Offered while the case can be closed.
 */
import { useState } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useCanAccess, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { enumKey } from '../common/choices';
import { closeDuplicate, transitionsFor, type CaseRecord } from './api';
import { CaseDialog } from './CaseDialog';
import { useDialogCommand } from './useDialogCommand';

const L = 'app.cases.links';
const REFERENCE = /^M\d{6}$/;

export function CloseDuplicateButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const { dialog, error, busy, openDialog, close, run } = useDialogCommand();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'close' });
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const wanted = reference.trim().toUpperCase();
  const { data: found, isFetching } = useGetList<CaseRecord>(
    'cases',
    { filter: { reference: wanted }, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: dialog === 'confirm' && REFERENCE.test(wanted) },
  );
  if (!record || !transitionsFor(record.status).includes('close') || canAccess !== true) return null;
  const original = REFERENCE.test(wanted) ? found?.find((c) => c.reference === wanted) : undefined;
  const usable = original !== undefined && String(original.id) !== String(record.id);
  const helper = !REFERENCE.test(wanted) || isFetching
    ? ' '
    : original
      ? translate(`${L}.originalFound`, { reference: original.reference, status: translate(enumKey('caseStatus', original.status)) })
      : translate(`${L}.originalNotFound`, { reference: wanted });

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        startIcon={<ContentCopyIcon />}
        onClick={() => {
          setReference('');
          setNote('');
          openDialog('confirm');
        }}
      >
        {translate(`${L}.closeDuplicate`)}
      </Button>
      <CaseDialog
        open={dialog === 'confirm'}
        title={translate(`${L}.closeDuplicateConfirm`, { reference: record.reference })}
        help={translate(`${L}.closeDuplicateHelp`)}
        confirmLabel={translate(`${L}.closeDuplicate`)}
        confirmColor="error"
        busy={busy}
        canConfirm={usable}
        error={error}
        onCancel={close}
        onConfirm={() => original && run(() => closeDuplicate(record.id, original.id, note.trim() || undefined), `${L}.closedDuplicate`)}
      >
        <TextField
          label={translate(`${L}.originalReference`)}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          helperText={helper}
          error={REFERENCE.test(wanted) && !isFetching && !usable}
          slotProps={{ htmlInput: { 'data-testid': 'duplicate-of-reference' } }}
          fullWidth
          margin="dense"
        />
        <TextField
          label={translate('app.cases.actions.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          margin="dense"
        />
      </CaseDialog>
    </>
  );
}
