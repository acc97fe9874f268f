/**
 * The file's decisions (REF-9), one button each: take it (applicant → in_review, assigned to
 * me), give it back, approve the partner (only with a complete checklist, after a
 * confirmation) or refuse them with an internal reason (REF-7, never shown to the partner),
 * and — for an admin — reopen a refused file. Each button shows only when the role may use it
 * and the file's state allows it; the server decides anyway (409 with its sentence).
 */
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useCanAccess, useTranslate } from 'react-admin';
import { ApprovePartnerButton } from './ApprovePartnerButton';
import { RefusePartnerButton } from './RefusePartnerButton';
import { ReleasePartnerButton } from './ReleasePartnerButton';
import { ReopenPartnerButton } from './ReopenPartnerButton';
import { TakePartnerButton } from './TakePartnerButton';
import { useWorksOnFile } from './useWorksOnFile';
import type { Verification } from './verificationTypes';

export function DecisionBar({ verification, partnerName }: { verification: Verification; partnerName: string }) {
  const translate = useTranslate();
  const mayApprove = useCanAccess({ resource: 'partners', action: 'approve' }).canAccess === true;
  const working = useWorksOnFile(verification);
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
        <TakePartnerButton verification={verification} />
        <ReleasePartnerButton verification={verification} />
        <ApprovePartnerButton verification={verification} partnerName={partnerName} />
        <RefusePartnerButton verification={verification} partnerName={partnerName} />
        <ReopenPartnerButton verification={verification} />
      </Stack>
      {working && mayApprove && !verification.complete && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('app.verification.actions.approveBlocked')}
        </Alert>
      )}
    </>
  );
}
