/**
 * Approve a pending document, recording the facts the requirements table needs for its type
 * (VER-5). When the server refuses a RIB whose IBAN is not the partner's (REF-5), the dialog
 * says so and offers to make the document's IBAN the partner's while approving.
 */
import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate, type Identifier } from 'react-admin';
import { validate } from '../../../shared/validators';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { changedFacts, DocumentFactInputs, factsOf } from './DocumentFactInputs';
import { ibanMismatchOf, type IbanMismatch } from './ibanMismatch';
import type { DocumentFacts, DocumentRow } from './verificationTypes';

export function ApproveDocumentButton({ doc, needed }: { doc: DocumentRow; needed: readonly string[] }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" color="success" onClick={() => setOpen(true)}>
        {translate('app.verification.documents.approve')}
      </Button>
      {/* Mounted only while open: each opening starts from the document's facts as they are. */}
      {open && <ApproveDocumentDialog doc={doc} needed={needed} onClose={() => setOpen(false)} />}
    </>
  );
}

function ApproveDocumentDialog({ doc, needed, onClose }: { doc: DocumentRow; needed: readonly string[]; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [facts, setFacts] = useState<DocumentFacts>(() => factsOf(doc));
  const [mismatch, setMismatch] = useState<IbanMismatch | null>(null);
  const approve = useMutation({
    mutationFn: ({ id, facts }: { id: Identifier; facts: DocumentFacts }) => dataProvider.approveDocument(id, facts),
    onSuccess: () => {
      notify('app.verification.documents.approved', { type: 'success' });
      onClose();
      refresh();
    },
    onError: (error) => {
      const found = ibanMismatchOf(error);
      if (found) setMismatch(found);
      else notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
    },
  });
  const typeLabel = translate(enumKey('documentType', doc.type));
  const missing = needed.filter((f) => facts[f] === null || facts[f] === undefined || facts[f] === '');
  const ibanBad = typeof facts.iban === 'string' && facts.iban !== '' && !validate('iban', facts.iban).valid;
  const canSubmit = missing.length === 0 && !ibanBad;

  function send(updatePartnerIban: boolean) {
    const changed = changedFacts(factsOf(doc), facts);
    approve.mutate({ id: doc.id, facts: updatePartnerIban ? { ...changed, updatePartnerIban: true } : changed });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    send(false);
  }

  function changeFacts(next: DocumentFacts) {
    setFacts(next);
    if (next.iban !== facts.iban) setMismatch(null);
  }

  return (
    <Dialog open onClose={onClose} fullWidth aria-labelledby="review-document-title">
      <form onSubmit={submit}>
        <DialogTitle id="review-document-title">{translate('app.verification.documents.approveTitle', { type: typeLabel })}</DialogTitle>
        <DialogContent>
          <DocumentFactInputs facts={facts} needed={needed} onChange={changeFacts} />
          {mismatch && (
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="rib-iban-mismatch">
              {translate('app.verification.documents.ibanMismatch', { documentIban: mismatch.documentIban, partnerIban: mismatch.partnerIban })}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          {mismatch && (
            <Button variant="outlined" color="warning" disabled={approve.isPending || !canSubmit} onClick={() => send(true)}>
              {translate('app.verification.documents.updateIbanAndApprove')}
            </Button>
          )}
          <Button type="submit" variant="contained" color="success" disabled={approve.isPending || !canSubmit}>
            {translate('app.verification.documents.approve')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
