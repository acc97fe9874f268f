/**
 * "Take the next file" (REF-9): the file that has waited longest is assigned to me and opens.
 * When the queue is empty the server says so (404, its sentence shown as a warning).
 */
import Button from '@mui/material/Button';
import { useMutation } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { ConsoleDataProvider } from '../dataProvider';
import { verificationPath } from './verificationPath';

export function TakeNextButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'take' });
  const takeNext = useMutation({
    mutationFn: () => dataProvider.takeNextPartner(),
    onSuccess: (partner) => {
      notify('app.verification.actions.done.take', { type: 'success' });
      navigate(verificationPath(partner.id));
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'warning' }),
  });
  if (!canAccess) return null;
  return (
    <Button variant="contained" disabled={takeNext.isPending} onClick={() => takeNext.mutate()}>
      {translate('app.verification.takeNext')}
    </Button>
  );
}
