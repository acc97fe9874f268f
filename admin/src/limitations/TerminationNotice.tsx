/**
 * The four-eyes rule of a termination (LIM-6), said before anyone clicks: whoever asks for
 * it cannot approve it, another ops or admin account must. On a pending termination it names
 * who asked, and tells the requester the approval is someone else's.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useCanAccess, useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { UserReferenceField } from '../common/fields';

export interface TerminationRecord {
  id: number;
  kind?: string;
  status: string;
  terminationRequestedBy?: number | null;
}

/** True when the signed-in account asked for this termination: the server refuses its approval. */
export function useRequestedTermination(record: TerminationRecord | undefined): boolean {
  const { identity } = useGetIdentity();
  if (!record || record.status !== 'termination_pending') return false;
  const by = record.terminationRequestedBy;
  return by !== null && by !== undefined && identity?.id !== undefined && String(identity.id) === String(by);
}

/** Which sentence the status calls for; none once the limitation is decided. */
function sentenceFor(record: TerminationRecord, mine: boolean): string | null {
  switch (record.status) {
    case 'active':
      return record.kind === 'manual' ? 'app.limitations.fourEyes.afterReview' : null;
    case 'awaiting_review':
      return 'app.limitations.fourEyes.beforeRequest';
    case 'termination_pending':
      return mine ? 'app.limitations.fourEyes.yours' : 'app.limitations.fourEyes.pending';
    default:
      return null;
  }
}

export function TerminationNotice() {
  const record = useRecordContext<TerminationRecord>();
  const translate = useTranslate();
  const mine = useRequestedTermination(record);
  // Only the roles that may ask for or approve a termination need the rule.
  const { canAccess: canRequest } = useCanAccess({ resource: 'limitations', action: 'terminate' });
  const { canAccess: canApprove } = useCanAccess({ resource: 'limitations', action: 'approve-termination' });
  if (!record || (canRequest !== true && canApprove !== true)) return null;
  const sentence = sentenceFor(record, mine);
  if (!sentence) return null;
  return (
    <Alert severity={mine ? 'warning' : 'info'} data-testid="termination-notice" sx={{ my: 1 }}>
      <AlertTitle>{translate('app.limitations.fourEyes.title')}</AlertTitle>
      {record.status === 'termination_pending' && record.terminationRequestedBy != null && (
        <Box component="span" sx={{ display: 'block' }}>
          {translate('app.limitations.fourEyes.requestedBy')} <UserReferenceField source="terminationRequestedBy" />
        </Box>
      )}
      <Box component="span" sx={{ display: 'block' }}>
        {translate(sentence)}
      </Box>
    </Alert>
  );
}
