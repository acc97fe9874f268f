/** Take an applicant's file (REF-9): it goes in review, assigned to me. No confirmation: giving it back is one click. */
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { usePartnerDecision } from './usePartnerDecision';
import type { Verification } from './verificationTypes';

export function TakePartnerButton({ verification }: { verification: Verification }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'take' });
  const take = usePartnerDecision({ decision: 'take', mutationFn: (id: Identifier) => dataProvider.takePartner(id) });
  if (verification.status !== 'applicant' || canAccess !== true) return null;
  return (
    <Button variant="contained" disabled={take.isPending} onClick={() => take.mutate(verification.partnerId)}>
      {translate('app.verification.actions.take')}
    </Button>
  );
}
