/**
 * The file's actions (REF-9): take it (applicant → in_review, assigned to me), give it
 * back, approve the partner (only with a complete checklist, after a confirmation) or
 * refuse them with an internal reason (REF-7, never shown to the partner), and — for an
 * admin — reopen a refused file. Each button shows only when the role may use it and
 * the file's state allows it; the server decides anyway (409 with its sentence).
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useCanAccess, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import { partnerAction, type PartnerAction, type Verification } from './api';

function useAllowed(action: string) {
  return useCanAccess({ resource: 'partners', action }).canAccess === true;
}

export function DecisionBar({ verification, partnerName }: { verification: Verification; partnerName: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<null | 'approve' | 'refuse'>(null);
  const [reason, setReason] = useState('');
  const mayTake = useAllowed('take');
  const mayRelease = useAllowed('release');
  const mayApprove = useAllowed('approve');
  const mayRefuse = useAllowed('refuse');
  const mayReopen = useAllowed('reopen');

  const { status, assignedTo, complete } = verification;
  const mine = identity !== undefined && assignedTo !== null && String(assignedTo) === String(identity.id);
  const isAdmin = identity?.role === 'admin';
  const working = status === 'in_review' && (mine || isAdmin);

  async function run(action: PartnerAction, body?: unknown) {
    setBusy(true);
    try {
      await partnerAction(verification.partnerId, action, body);
      notify(`app.verification.actions.done.${action}`, { type: 'success' });
      setDialog(null);
      setReason('');
      refresh();
    } catch (error) {
      notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
      refresh();
    } finally {
      setBusy(false);
    }
  }

  const reasonOk = reason.trim().length >= 3;
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
        {status === 'applicant' && mayTake && (
          <Button variant="contained" disabled={busy} onClick={() => run('take')}>
            {translate('app.verification.actions.take')}
          </Button>
        )}
        {working && mayRelease && (
          <Button variant="outlined" disabled={busy} onClick={() => run('release')}>
            {translate('app.verification.actions.release')}
          </Button>
        )}
        {working && mayApprove && (
          <Button variant="contained" color="success" disabled={busy || !complete} onClick={() => setDialog('approve')}>
            {translate('app.verification.actions.approve')}
          </Button>
        )}
        {working && mayRefuse && (
          <Button variant="outlined" color="error" disabled={busy} onClick={() => setDialog('refuse')}>
            {translate('app.verification.actions.refuse')}
          </Button>
        )}
        {status === 'refused' && mayReopen && (
          <Button variant="outlined" disabled={busy} onClick={() => run('reopen')}>
            {translate('app.verification.actions.reopen')}
          </Button>
        )}
      </Stack>
      {working && mayApprove && !complete && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('app.verification.actions.approveBlocked')}
        </Alert>
      )}

      <Dialog open={dialog === 'approve'} onClose={() => setDialog(null)} aria-labelledby="approve-partner-title">
        <DialogTitle id="approve-partner-title">{translate('app.verification.actions.approveTitle', { name: partnerName })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.verification.actions.approveContent')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDialog(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="success" disabled={busy} onClick={() => run('approve')}>
            {translate('app.verification.actions.confirmApprove')}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={dialog === 'refuse'} onClose={() => setDialog(null)} aria-labelledby="refuse-partner-title" fullWidth>
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
          <Button onClick={() => setDialog(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="error" disabled={busy || !reasonOk} onClick={() => run('refuse', { reason: reason.trim() })}>
            {translate('app.verification.actions.confirmRefuse')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
