/**
 * Reject a document (pending, or approved and found wrong later) with a reason, typed in the
 * confirmation dialog. The status the agent saw goes along: a colleague's decision since then
 * is refused (409, its sentence notified) rather than overwritten.
 */
import { useState, type FormEvent } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate, type Identifier } from 'react-admin';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import type { DocumentRow } from './verificationTypes';

export function RejectDocumentButton({ doc }: { doc: DocumentRow }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" color="error" onClick={() => setOpen(true)}>
        {translate('app.verification.documents.reject')}
      </Button>
      {/* Mounted only while open: each opening starts with an empty reason. */}
      {open && <RejectDocumentDialog doc={doc} onClose={() => setOpen(false)} />}
    </>
  );
}

function RejectDocumentDialog({ doc, onClose }: { doc: DocumentRow; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: ({ id, reason, expectedStatus }: { id: Identifier; reason: string; expectedStatus: string }) =>
      dataProvider.rejectDocument(id, { reason, expectedStatus }),
    onSuccess: () => {
      notify('app.verification.documents.rejected', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'error' }),
  });
  const canSubmit = reason.trim().length >= 3;

  function submit(e: FormEvent) {
    e.preventDefault();
    reject.mutate({ id: doc.id, reason: reason.trim(), expectedStatus: doc.status });
  }

  return (
    <Dialog open onClose={onClose} fullWidth aria-labelledby="review-document-title">
      <form onSubmit={submit}>
        <DialogTitle id="review-document-title">
          {translate('app.verification.documents.rejectTitle', { type: translate(enumKey('documentType', doc.type)) })}
        </DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate('app.verification.documents.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" color="error" disabled={reject.isPending || !canSubmit}>
            {translate('app.verification.documents.reject')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
