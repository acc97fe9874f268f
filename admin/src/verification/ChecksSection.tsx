/**
 * The phone interview and the skills test (REF-6): schedule one, record its outcome and
 * notes once held. A failed one blocks approval (REF-7).
 */
import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { CHECK_KINDS, CHECK_OUTCOMES } from '../../../shared/verification/requirements';
import { formatFrenchDateTime } from '../common/format';
import type { ConsoleDataProvider } from '../dataProvider';
import { MarkCheckButton } from './MarkCheckButton';
import type { CheckBody, CheckRow } from './verificationTypes';

/** `<input type="datetime-local">` gives local wall-clock time; the API wants an ISO instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function ChecksSection({ partnerId, checks, canRecord }: { partnerId: number; checks: CheckRow[]; canRecord: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [kind, setKind] = useState<string>('interview');
  const [scheduledAt, setScheduledAt] = useState('');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const record = useMutation({
    mutationFn: (body: CheckBody) => dataProvider.recordCheck(partnerId, body),
    onSuccess: () => {
      notify('app.verification.checks.saved', { type: 'success' });
      setScheduledAt('');
      setOutcome('');
      setNotes('');
      refresh();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'error' }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    record.mutate({
      kind,
      ...(scheduledAt ? { scheduledAt: toIso(scheduledAt) } : {}),
      ...(outcome ? { outcome } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  }

  return (
    <Box>
      {checks.length === 0 ? (
        <Typography variant="body2">{translate('app.verification.checks.none')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('app.verification.checks.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.verification.checks.kind')}</TableCell>
              <TableCell>{translate('app.verification.checks.scheduledAt')}</TableCell>
              <TableCell>{translate('app.verification.checks.doneAt')}</TableCell>
              <TableCell>{translate('app.verification.checks.outcome')}</TableCell>
              <TableCell>{translate('app.verification.checks.notes')}</TableCell>
              <TableCell>{translate('app.verification.checks.recordedBy')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {checks.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{translate(`app.verification.checks.kinds.${c.kind}`)}</TableCell>
                <TableCell>{c.scheduledAt ? formatFrenchDateTime(c.scheduledAt) : '—'}</TableCell>
                <TableCell>{c.doneAt ? formatFrenchDateTime(c.doneAt) : '—'}</TableCell>
                <TableCell>{c.outcome ? translate(`app.verification.checks.outcomes.${c.outcome}`) : '—'}</TableCell>
                <TableCell>{c.notes ?? ''}</TableCell>
                <TableCell>{c.recordedByName ?? ''}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {canRecord && !c.outcome &&
                    CHECK_OUTCOMES.map((o) => <MarkCheckButton key={o} partnerId={partnerId} check={c} outcome={o} />)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canRecord && (
        <Box component="form" onSubmit={submit} aria-label={translate('app.verification.checks.add')} sx={{ mt: 2 }}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
            <TextField select label={translate('app.verification.checks.kind')} value={kind} onChange={(e) => setKind(e.target.value)} sx={{ minWidth: 220 }}>
              {CHECK_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {translate(`app.verification.checks.kinds.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="datetime-local"
              label={translate('app.verification.checks.scheduledAt')}
              value={scheduledAt}
              onChange={(e) => setScheduledAt(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField select label={translate('app.verification.checks.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} sx={{ minWidth: 160 }}>
              <MenuItem value="">—</MenuItem>
              {CHECK_OUTCOMES.map((o) => (
                <MenuItem key={o} value={o}>
                  {translate(`app.verification.checks.outcomes.${o}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField label={translate('app.verification.checks.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} sx={{ flex: 1 }} />
            <Button type="submit" variant="contained" disabled={record.isPending || (!scheduledAt && !outcome)}>
              {translate('app.verification.checks.add')}
            </Button>
          </Stack>
        </Box>
      )}
    </Box>
  );
}
