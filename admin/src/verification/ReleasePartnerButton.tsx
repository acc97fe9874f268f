/** Give a file in review back to the queue (REF-9), for the agent holding it or an admin. No confirmation: anyone may take it again. */
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { usePartnerDecision } from './usePartnerDecision';
import { useWorksOnFile } from './useWorksOnFile';
import type { Verification } from './verificationTypes';

export function ReleasePartnerButton({ verification }: { verification: Verification }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'partners', action: 'release' });
  const working = useWorksOnFile(verification);
  const release = usePartnerDecision({ decision: 'release', mutationFn: (id: Identifier) => dataProvider.releasePartner(id) });
  if (!working || canAccess !== true) return null;
  return (
    <Button variant="outlined" disabled={release.isPending} onClick={() => release.mutate(verification.partnerId)}>
      {translate('app.verification.actions.release')}
    </Button>
  );
}
