/**
 * The case's quick actions, one button per command: each shows only when the case's status
 * allows it (CONTRACT.md's state machine) and the role may use it (shared/permissions.ts,
 * through canAccess). Every transition is confirmed first — none can be undone — and the
 * server's sentence is shown when it refuses (409: the state changed or someone acted first;
 * 422: MED-5's inadmissible referral, with its reason).
 */
import Stack from '@mui/material/Stack';
import { useRecordContext } from 'react-admin';
import { AmicableButton } from './AmicableButton';
import type { CaseRecord } from './caseTypes';
import { CloseCaseButton } from './CloseCaseButton';
import { ComplaintDateButton } from './ComplaintDateButton';
import { ExtendOutcomeButton } from './ExtendOutcomeButton';
import { MediatorDatesButton } from './MediatorDatesButton';
import { ReferButton } from './ReferButton';
import { ReferralPdfButton } from './ReferralPdfButton';
import { ResolveButton } from './ResolveButton';
import { SuggestLimitationButton } from './SuggestLimitationButton';
import { TakeCaseButton } from './TakeCaseButton';

export function CaseActions() {
  const record = useRecordContext<CaseRecord>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }} data-testid="case-actions">
      <AmicableButton />
      <ResolveButton />
      <ReferButton />
      <CloseCaseButton />
      <TakeCaseButton />
      <ComplaintDateButton />
      <MediatorDatesButton />
      <ExtendOutcomeButton />
      <SuggestLimitationButton />
      <ReferralPdfButton />
    </Stack>
  );
}
