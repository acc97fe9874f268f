import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useTranslate } from 'react-admin';

/** The one and only time the token is visible: the server keeps only its hash. */
export function NewTokenDialog({ token, onClose }: { token: string; onClose: () => void }) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(token);
    setCopied(true);
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="new-token-title" fullWidth maxWidth="sm">
      <DialogTitle id="new-token-title">{translate('app.appTokens.createdTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('app.appTokens.createdHelp')}</DialogContentText>
        <TextField
          value={token}
          label={translate('resources.app-tokens.fields.token')}
          fullWidth
          margin="normal"
          slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'new-token' } }}
          onFocus={(event) => event.target.select()}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={copy}>{translate(copied ? 'app.appTokens.copied' : 'app.appTokens.copy')}</Button>
        <Button onClick={onClose} variant="contained">
          {translate('app.appTokens.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
