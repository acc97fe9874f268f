/**
 * Close a case as a duplicate of another (`POST /api/cases/{id}/close-duplicate`): the mediator
 * types the original's reference, the dialog shows the case found (or that there is none)
 * before the confirmation — closing cannot be undone. Offered while the case can be closed.
 */
import { useState } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useGetList, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { transitionsFor } from './caseRules';
import type { CaseRecord } from './caseTypes';
import { CaseDialog } from './CaseDialog';
import { useDialogCommand } from './useDialogCommand';

const L = 'app.cases.links';
const REFERENCE = /^M\d{6}$/;

export function CloseDuplicateButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { open, error, busy, openDialog, close, confirm } = useDialogCommand({
    mutationFn: ({ id, originalId, note }: { id: Identifier; originalId: Identifier; note?: string }) =>
      dataProvider.closeCaseAsDuplicate(id, originalId, note),
    done: `${L}.closedDuplicate`,
  });
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'close' });
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const wanted = reference.trim().toUpperCase();
  const { data: found, isFetching } = useGetList<CaseRecord>(
    'cases',
    { filter: { reference: wanted }, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: open && REFERENCE.test(wanted) },
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
          openDialog();
        }}
      >
        {translate(`${L}.closeDuplicate`)}
      </Button>
      <CaseDialog
        open={open}
        title={translate(`${L}.closeDuplicateConfirm`, { reference: record.reference })}
        help={translate(`${L}.closeDuplicateHelp`)}
        confirmLabel={translate(`${L}.closeDuplicate`)}
        confirmColor="error"
        busy={busy}
        canConfirm={usable}
        error={error}
        onCancel={close}
        onConfirm={() => original && confirm({ id: record.id, originalId: original.id, note: note.trim() || undefined })}
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
