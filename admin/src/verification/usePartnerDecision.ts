/**
 * One way to run a decision on a partner's file (take, release, approve, refuse, reopen):
 * react-query's useMutation around a data provider method, the success notification of the
 * decision, the server's sentence when it refuses (409: the file changed meanwhile), and a
 * refresh either way so the panel shows the file as it now is.
 */
import { useMutation } from '@tanstack/react-query';
import { useNotify, useRefresh } from 'react-admin';

export type PartnerDecision = 'take' | 'release' | 'approve' | 'refuse' | 'reopen';

export function usePartnerDecision<Variables = void>({
  decision,
  mutationFn,
  onSuccess,
}: {
  decision: PartnerDecision;
  mutationFn: (variables: Variables) => Promise<unknown>;
  onSuccess?: () => void;
}) {
  const notify = useNotify();
  const refresh = useRefresh();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      notify(`app.verification.actions.done.${decision}`, { type: 'success' });
      onSuccess?.();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'error' }),
    onSettled: () => refresh(),
  });
}
