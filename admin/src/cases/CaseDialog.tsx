/**
 * The confirmation dialog of the case page: a title, what will happen, the fields the
 * command needs, and — when the server refused (409/422) — its sentence, kept in the
 * dialog so the mediator can correct (e.g. the written complaint date) and try again.
 */
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslate } from 'react-admin';

export interface CaseDialogProps {
  open: boolean;
  title: string;
  help?: string;
  confirmLabel: string;
  confirmColor?: 'primary' | 'error' | 'success' | 'warning';
  busy?: boolean;
  canConfirm?: boolean;
  error?: string | null;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
}

export function CaseDialog({
  open,
  title,
  help,
  confirmLabel,
  confirmColor = 'primary',
  busy = false,
  canConfirm = true,
  error,
  onCancel,
  onConfirm,
  children,
}: CaseDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="case-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="case-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {help && <DialogContentText sx={{ mb: 1 }}>{help}</DialogContentText>}
        {children}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert" data-testid="case-dialog-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" color={confirmColor} disabled={busy || !canConfirm} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
