/**
 * "Annuler la commande" on the order's page (support, admin): a client or a partner on the
 * phone asks to cancel. The dialog asks who cancels and why, and says what will follow for
 * that party before anything is done — the partner's score drops at once when the partner
 * cancels (SCO-4, SCO-8); no fee for the client, the payments not yet made are dropped and
 * nothing is charged (ENG-6, PAY-3). A refusal (409: the order changed meanwhile) stays in the
 * dialog; on success the page reloads the order and its timeline.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { useMutation } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { Order } from '../types';
import { cancellableBy, type CancelledBy } from './cancellableBy';

const K = 'app.orderCancel';
const REASON_MAX = 1000;

export function CancelOrderButton(_props: { label?: false }) {
  const order = useRecordContext<Order>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'orders', action: 'cancel' });
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState<CancelledBy>('client');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const cancel = useMutation({
    mutationFn: ({ id, by, reason }: { id: Identifier; by: CancelledBy; reason: string }) => dataProvider.cancelOrder(id, by, reason),
    onSuccess: () => {
      notify(`${K}.done`, { type: 'success' });
      setOpen(false);
    },
    // The server's sentence (e.g. the appointment has started meanwhile), kept in the dialog.
    onError: (e) => setError((e instanceof Error && e.message) || translate('ra.notification.http_error')),
    // Either way the order may have changed: show it (and its timeline) as it now is.
    onSettled: () => refresh(),
  });
  if (!order || canAccess !== true) return null;
  const parties = cancellableBy(order);
  if (parties.length === 0) return null;

  function openDialog() {
    setBy('client');
    setReason('');
    setError(null);
    setOpen(true);
  }

  function confirm() {
    if (!order) return;
    setError(null);
    cancel.mutate({ id: order.id, by, reason });
  }

  const effect = by === 'partner' ? 'partner' : order.status === 'dispatching' ? 'clientRequest' : 'clientAppointment';
  const reasonOk = reason.trim().length > 0 && reason.trim().length <= REASON_MAX;
  return (
    <>
      <Button variant="outlined" color="error" size="small" startIcon={<EventBusyIcon />} onClick={openDialog}>
        {translate(`${K}.button`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="order-cancel-title" fullWidth maxWidth="sm">
        <DialogTitle id="order-cancel-title">{translate(`${K}.title`, { reference: order.reference })}</DialogTitle>
        <DialogContent>
          <FormControl sx={{ mb: 1 }}>
            <FormLabel id="order-cancel-by">{translate(`${K}.who`)}</FormLabel>
            <RadioGroup row aria-labelledby="order-cancel-by" value={by} onChange={(e) => setBy(e.target.value as CancelledBy)}>
              <FormControlLabel value="client" control={<Radio />} label={translate(`${K}.by.client`)} />
              <FormControlLabel value="partner" control={<Radio />} label={translate(`${K}.by.partner`)} disabled={!parties.includes('partner')} />
            </RadioGroup>
          </FormControl>
          {!parties.includes('partner') && <DialogContentText variant="body2">{translate(`${K}.partnerOnlyAccepted`)}</DialogContentText>}
          {/* What follows is information, not an error: not announced as an alert. */}
          <Alert severity={by === 'partner' ? 'warning' : 'info'} role="note" sx={{ my: 1 }} data-testid="order-cancel-effect">
            {translate(`${K}.effects.${effect}`)}
          </Alert>
          <TextField
            label={translate(`${K}.reason`)}
            helperText={translate(`${K}.reasonHelp`)}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            slotProps={{ htmlInput: { maxLength: REASON_MAX } }}
          />
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="error" disabled={cancel.isPending || !reasonOk} onClick={confirm}>
            {translate(`${K}.confirm`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
