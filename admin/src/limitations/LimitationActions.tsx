/**
 * The limitation's decisions (LIM-3, LIM-6): lift, ask for the termination, approve or
 * decline it (four eyes: the server refuses an approval by the account that asked). Each
 * button shows when the role may use it and the status allows it, and opens a confirmation
 * dialog with the note the decision needs.
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useMutation } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { LimitationMethods } from './limitationMethods';
import { actionsFor, needsNote, type LimitationAction } from './limitationRules';
import { TerminationNotice, useRequestedTermination, type TerminationRecord } from './TerminationNotice';

/** The data provider method behind each decision. */
const METHOD: Record<LimitationAction, keyof Omit<LimitationMethods, 'getPartnerOutbox'>> = {
  lift: 'liftLimitation',
  terminate: 'terminateLimitation',
  'approve-termination': 'approveTermination',
  'decline-termination': 'declineTermination',
};

/** `blocked`: the sentence saying why the server would refuse it — the button is disabled and says why. */
function ActionButton({ action, onOpen, blocked }: { action: LimitationAction; onOpen: (a: LimitationAction) => void; blocked?: string }) {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'limitations', action });
  if (canAccess !== true) return null;
  const button = (
    <Button
      variant={action === 'lift' || action === 'approve-termination' ? 'contained' : 'outlined'}
      onClick={() => onOpen(action)}
      disabled={blocked !== undefined}
      aria-description={blocked}
    >
      {translate(`app.limitations.actions.${action}`)}
    </Button>
  );
  if (blocked === undefined) return button;
  // A disabled button gets no pointer events: the tooltip hangs on its wrapper.
  return (
    <Tooltip title={blocked}>
      <span>{button}</span>
    </Tooltip>
  );
}

export function LimitationActions() {
  const record = useRecordContext<TerminationRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState<LimitationAction | null>(null);
  const [note, setNote] = useState('');
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  // Four eyes (LIM-6): the account that asked for the termination is not offered an approval that can only fail.
  const requestedByMe = useRequestedTermination(record);
  const decide = useMutation({
    mutationFn: ({ id, action, note }: { id: Identifier; action: LimitationAction; note: string }) => dataProvider[METHOD[action]](id, note),
    onSuccess: (_result, { action }) => {
      notify(`app.limitations.done.${action}`, { type: 'success' });
      setOpen(null);
      setNote('');
    },
    onError: (error) => {
      // The server's sentence is shown as sent (`_`: not an i18n key, no "missing translation").
      const message = (error as Error).message;
      notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: message ? { _: message } : undefined });
    },
    onSettled: () => refresh(),
  });
  if (!record) return null;
  const actions = actionsFor(record.status);
  if (actions.length === 0) return null;

  function confirm() {
    if (!open || !record) return;
    decide.mutate({ id: record.id, action: open, note });
  }

  const noteOk = !open || !needsNote(open) || note.trim().length > 0;
  return (
    <>
      <TerminationNotice />
      <Stack direction="row" spacing={1} sx={{ my: 1 }}>
        {actions.map((a) => (
          <ActionButton
            key={a}
            action={a}
            onOpen={setOpen}
            blocked={a === 'approve-termination' && requestedByMe ? translate('app.limitations.fourEyes.yours') : undefined}
          />
        ))}
      </Stack>
      <Dialog open={open !== null} onClose={() => setOpen(null)} aria-labelledby="limitation-action-title" fullWidth maxWidth="sm">
        {open && (
          <>
            <DialogTitle id="limitation-action-title">{translate(`app.limitations.confirm.${open}`)}</DialogTitle>
            <DialogContent>
              <DialogContentText>{translate(`app.limitations.help.${open}`)}</DialogContentText>
              <TextField
                label={translate('app.limitations.note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                required={needsNote(open)}
                multiline
                minRows={3}
                fullWidth
                margin="normal"
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(null)}>{translate('ra.action.cancel')}</Button>
              <Button variant="contained" disabled={decide.isPending || !noteOk} onClick={confirm}>
                {translate(`app.limitations.actions.${open}`)}
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </>
  );
}
