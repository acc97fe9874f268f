/**
 * The signed-in staff member's two-step sign-in: turn it on (scan the QR code, confirm with a
 * first code, then write down the recovery codes, shown this once) or off (a current code or
 * the password). The only page a role that must enrol reaches until it has (ConsoleLayout).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Title, useAuthProvider, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { API_URL } from '../apiUrl';
import { mustEnrol, type ConsoleAuthProvider } from '../authProvider';
import { httpClient } from '../httpClient';

interface Started {
  otpauthUrl: string;
  qrCode: string;
}

function messageOf(error: unknown): string {
  return (error instanceof Error && error.message) || 'ra.notification.http_error';
}

/** The key inside the otpauth URL, in groups of four, for typing by hand. */
function manualKeyOf(otpauthUrl: string): string {
  const secret = new URL(otpauthUrl).searchParams.get('secret') ?? '';
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}

function post<T>(path: string, body: unknown = {}): Promise<T> {
  return httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(({ json }) => json as T);
}

export function TwoStepPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const authProvider = useAuthProvider() as ConsoleAuthProvider | undefined;
  const { identity, isPending } = useGetIdentity();
  const [started, setStarted] = useState<Started | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = (error: unknown) => notify(messageOf(error), { type: 'error', messageArgs: { _: messageOf(error) } });

  /** Who is signed in changed (enrolled or not): the menu and the pages follow. */
  async function refresh() {
    await authProvider?.refreshIdentity();
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const start = () => run(async () => setStarted(await post<Started>('/auth/totp/enrolment')));

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const done = await post<{ recoveryCodes: string[] }>('/auth/totp/enrolment/confirm', { code: code.trim() });
      setStarted(null);
      setCode('');
      setRecoveryCodes(done.recoveryCodes);
    });
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await post('/auth/totp/disable', code.trim() ? { code: code.trim() } : { password });
      setCode('');
      setPassword('');
      notify('app.twoStep.disabled', { type: 'info' });
      await refresh();
    });
  };

  if (isPending || !identity) return null;
  const enrolled = identity.totpEnrolled === true;

  return (
    <Card className="TwoStep-root" sx={{ mt: 2, maxWidth: 640 }}>
      <Title title="app.twoStep.title" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h1">
            {translate('app.twoStep.title')}
          </Typography>
          {mustEnrol(identity) && !recoveryCodes && <Alert severity="warning">{translate('app.twoStep.required')}</Alert>}

          {recoveryCodes ? (
            <>
              <Typography variant="subtitle1" component="h2">
                {translate('app.twoStep.recoveryTitle')}
              </Typography>
              <Alert severity="warning">{translate('app.twoStep.recoveryWarning')}</Alert>
              <Box component="ul" aria-label={translate('app.twoStep.recoveryTitle')} sx={{ fontFamily: 'monospace', columns: 2 }}>
                {recoveryCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </Box>
              <Button variant="contained" onClick={() => run(async () => { setRecoveryCodes(null); await refresh(); })}>
                {translate('app.twoStep.recoveryDone')}
              </Button>
            </>
          ) : enrolled ? (
            <Box component="form" onSubmit={disable}>
              <Stack spacing={2}>
                <Typography>{translate('app.twoStep.disableHelp')}</Typography>
                <TextField label={translate('app.twoStep.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" />
                <TextField
                  label={translate('app.twoStep.password')}
                  type="password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete="current-password"
                />
                <Button type="submit" color="error" variant="outlined" disabled={busy || (!code.trim() && !password)}>
                  {translate('app.twoStep.disable')}
                </Button>
              </Stack>
            </Box>
          ) : started ? (
            <Box component="form" onSubmit={confirm}>
              <Stack spacing={2}>
                <Typography>{translate('app.twoStep.scan')}</Typography>
                <img src={started.qrCode} alt={translate('app.twoStep.qrAlt')} width={240} height={240} />
                <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                  {translate('app.twoStep.manualKey', { key: manualKeyOf(started.otpauthUrl) })}
                </Typography>
                <TextField
                  label={translate('app.twoStep.code')}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  autoComplete="one-time-code"
                  slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
                />
                <Button type="submit" variant="contained" disabled={busy || !/^\d{6}$/.test(code.trim())}>
                  {translate('app.twoStep.confirm')}
                </Button>
              </Stack>
            </Box>
          ) : (
            <>
              <Typography>{translate('app.twoStep.intro')}</Typography>
              <Button variant="contained" onClick={start} disabled={busy}>
                {translate('app.twoStep.start')}
              </Button>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
