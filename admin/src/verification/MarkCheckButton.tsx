/**
 * Record the outcome of a scheduled interview or skills test (REF-6): passed or failed, one
 * click each (`PUT /api/partners/{id}/checks/{checkId}`). A failed one blocks approval (REF-7).
 */
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { CheckOutcome } from '../../../shared/verification/requirements';
import type { ConsoleDataProvider } from '../dataProvider';
import type { CheckRow } from './verificationTypes';

export function MarkCheckButton({ partnerId, check, outcome }: { partnerId: number; check: CheckRow; outcome: CheckOutcome }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const mark = useMutation({
    mutationFn: () => dataProvider.updateCheck(partnerId, check.id, { outcome }),
    onSuccess: () => {
      notify('app.verification.checks.saved', { type: 'success' });
      refresh();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'error' }),
  });
  return (
    <Button size="small" color={outcome === 'passed' ? 'success' : 'error'} disabled={mark.isPending} onClick={() => mark.mutate()}>
      {translate(`app.verification.checks.mark.${outcome}`)}
    </Button>
  );
}
