/**
 * The second step of signing in to an account with two-step sign-in: the password was right
 * (the server remembers it for a few minutes), a 6-digit code from the authenticator app — or
 * a recovery code — finishes the sign-in. It is the login page's second step
 * (`/login?step=code`): nobody is signed in yet, and leaving the login page for the console
 * makes react-admin check the new session afresh.
 */
import { useState, type FormEvent } from 'react';
import { Box, Button, CardContent, TextField, Typography } from '@mui/material';
import { Link, useSearchParams } from 'react-router-dom';
import { Login, useLogin, useNotify, useTranslate } from 'react-admin';

function messageOf(error: unknown): string {
  return (error instanceof Error && error.message) || 'ra.auth.sign_in_error';
}

export function SignInCodeForm() {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    try {
      await login({ code: code.trim() });
    } catch (error) {
      // The server's sentence (wrong or used code, too many attempts) as it is.
      notify(messageOf(error), { type: 'error', messageArgs: { _: messageOf(error) } });
      setCode('');
    } finally {
      setSending(false);
    }
  }

  return (
    <Box component="form" onSubmit={submit} noValidate>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, width: 320 }}>
        <Typography variant="h6" component="h1">
          {translate('app.twoStep.codeTitle')}
        </Typography>
        <Typography variant="body2">{translate('app.twoStep.codeHelp')}</Typography>
        <TextField
          label={translate('app.twoStep.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          autoFocus
          required
          slotProps={{ htmlInput: { maxLength: 40, spellCheck: false } }}
        />
        <Button type="submit" variant="contained" disabled={sending || code.trim().length < 6}>
          {translate('app.twoStep.verify')}
        </Button>
        <Button component={Link} to="/login" size="small">
          {translate('app.twoStep.backToPassword')}
        </Button>
      </CardContent>
    </Box>
  );
}

/** react-admin's login page: the password form, or the code form at its second step. */
export function ConsoleLoginPage() {
  const [params] = useSearchParams();
  return params.get('step') === 'code' ? (
    <Login>
      <SignInCodeForm />
    </Login>
  ) : (
    <Login />
  );
}
