/**
 * Refuse the partner (REF-7) with an internal reason — never shown to the partner — typed in
 * the confirmation dialog, for the agent holding the file or an admin.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { usePartnerDecision } from './usePartnerDecision';
import { useWorksOnFile } from './useWorksOnFile';
import type { Verification } from './verificationTypes';

export function RefusePartnerButton({ verification, partnerName }: { verification: Verification; partnerName: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'refuse' });
  const working = useWorksOnFile(verification);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const refuse = usePartnerDecision({
    decision: 'refuse',
    mutationFn: ({ id, reason }: { id: Identifier; reason: string }) => dataProvider.refusePartner(id, reason),
    onSuccess: () => {
      setOpen(false);
      setReason('');
    },
  });
  if (!working || canAccess !== true) return null;
  const reasonOk = reason.trim().length >= 3;
  return (
    <>
      <Button variant="outlined" color="error" disabled={refuse.isPending} onClick={() => setOpen(true)}>
        {translate('app.verification.actions.refuse')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="refuse-partner-title" fullWidth>
        <DialogTitle id="refuse-partner-title">{translate('app.verification.actions.refuseTitle', { name: partnerName })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.verification.actions.refuseContent')}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            margin="normal"
            label={translate('app.verification.actions.internalReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText={translate('app.verification.actions.internalReasonHelp')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            color="error"
            disabled={refuse.isPending || !reasonOk}
            onClick={() => refuse.mutate({ id: verification.partnerId, reason: reason.trim() })}
          >
            {translate('app.verification.actions.confirmRefuse')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
