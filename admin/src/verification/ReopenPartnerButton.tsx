/** Reopen a refused file (admin, REF-9): it goes back to the queue. No confirmation: the file is only reviewed again. */
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { usePartnerDecision } from './usePartnerDecision';
import type { Verification } from './verificationTypes';

export function ReopenPartnerButton({ verification }: { verification: Verification }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'reopen' });
  const reopen = usePartnerDecision({ decision: 'reopen', mutationFn: (id: Identifier) => dataProvider.reopenPartner(id) });
  if (verification.status !== 'refused' || canAccess !== true) return null;
  return (
    <Button variant="outlined" disabled={reopen.isPending} onClick={() => reopen.mutate(verification.partnerId)}>
      {translate('app.verification.actions.reopen')}
    </Button>
  );
}
