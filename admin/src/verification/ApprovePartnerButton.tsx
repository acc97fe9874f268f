/**
 * Approve the partner (REF-9): only with a complete checklist — the button stays disabled
 * otherwise, the server refuses anyway (409) — and after a confirmation, for the agent
 * holding the file or an admin.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { usePartnerDecision } from './usePartnerDecision';
import { useWorksOnFile } from './useWorksOnFile';
import type { Verification } from './verificationTypes';

export function ApprovePartnerButton({ verification, partnerName }: { verification: Verification; partnerName: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'approve' });
  const working = useWorksOnFile(verification);
  const [open, setOpen] = useState(false);
  const approve = usePartnerDecision({
    decision: 'approve',
    mutationFn: (id: Identifier) => dataProvider.approvePartner(id),
    onSuccess: () => setOpen(false),
  });
  if (!working || canAccess !== true) return null;
  return (
    <>
      <Button variant="contained" color="success" disabled={approve.isPending || !verification.complete} onClick={() => setOpen(true)}>
        {translate('app.verification.actions.approve')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="approve-partner-title">
        <DialogTitle id="approve-partner-title">{translate('app.verification.actions.approveTitle', { name: partnerName })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.verification.actions.approveContent')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="success" disabled={approve.isPending} onClick={() => approve.mutate(verification.partnerId)}>
            {translate('app.verification.actions.confirmApprove')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
