/**
 * The partner page's verification tab: who holds the file and the decision
 * buttons, the checklist of the partner's vertical and services, the documents with an
 * in-page preview, the upload form, and the interview and skills test. Support and admin
 * only (partners:verification); everything it shows comes from the server's checklist.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useGetIdentity, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { enumKey } from '../common/choices';
import { formatBusinessDate, formatFrenchDate } from '../common/format';
import type { Partner } from '../types';
import { ChecklistTable } from './ChecklistTable';
import { ChecksSection } from './ChecksSection';
import { DecisionBar } from './DecisionBar';
import { DocumentsSection } from './DocumentsSection';
import { useVerification } from './useVerification';
import type { PartnerStatus } from '../../../shared/domain';
import type { DocumentRow } from './verificationTypes';

/**
 * What a complete file means where it stands: approvable only while it waits for a decision;
 * once approved it says so, and a refused or terminated one is only complete.
 */
function completeKey(status: PartnerStatus): string {
  if (status === 'applicant' || status === 'in_review') return 'app.verification.complete';
  return status === 'active' ? 'app.verification.completeActive' : 'app.verification.completeClosed';
}

export function VerificationPanel() {
  const record = useRecordContext<Partner>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data: verification, error, isPending } = useVerification(record?.id);
  const { data: documents = [] } = useGetList<DocumentRow & { id: number }>(
    'documents',
    { filter: { partnerId: record?.id }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: record !== undefined },
  );
  const [selected, setSelected] = useState<number | null>(null);

  if (!record) return null;
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  if (isPending || !verification) return <Typography>{translate('ra.page.loading')}</Typography>;

  const mine = identity !== undefined && verification.assignedTo !== null && String(verification.assignedTo) === String(identity.id);
  // The server's rule (REF-9): the agent holding an in-review file (or an admin); an active partner's file is open to support.
  const canReview = (verification.status === 'in_review' && (mine || identity?.role === 'admin')) || verification.status === 'active';
  const blocking = verification.missing.length;
  const name = `${record.firstName} ${record.lastName}`;

  return (
    <Stack spacing={2} sx={{ py: 1 }} data-testid="verification-panel">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Chip label={translate(enumKey('partnerStatus', verification.status))} color={verification.status === 'active' ? 'success' : 'default'} />
        <Typography variant="body2">
          {verification.assignedToName
            ? translate('app.verification.assigned', { name: verification.assignedToName })
            : verification.status === 'applicant'
              ? translate('app.verification.waiting')
              : ''}
        </Typography>
      </Stack>
      <DecisionBar verification={verification} partnerName={name} />

      {verification.complete ? (
        <Alert severity="success">{translate(completeKey(verification.status))}</Alert>
      ) : (
        <Alert severity="warning">{translate('app.verification.incomplete', { smart_count: blocking })}</Alert>
      )}
      {verification.fileIncompleteSince && verification.graceEnds && (
        <Alert severity={verification.held ? 'error' : 'warning'}>
          {translate(verification.held ? 'app.verification.held' : 'app.verification.flagged', {
            since: formatFrenchDate(verification.fileIncompleteSince),
            graceEnds: formatBusinessDate(verification.graceEnds),
          })}
        </Alert>
      )}

      <Box>
        <Typography variant="h6">{translate('app.verification.checklist.title')}</Typography>
        <ChecklistTable items={verification.items} onShowDocument={(id) => setSelected(id)} />
      </Box>
      <Divider />
      <Box>
        <Typography variant="h6">{translate('app.verification.documents.title')}</Typography>
        <DocumentsSection documents={documents} verification={verification} selected={selected} onSelect={setSelected} canReview={canReview} />
      </Box>
      <Divider />
      <Box>
        <Typography variant="h6">{translate('app.verification.checks.title')}</Typography>
        <ChecksSection partnerId={verification.partnerId} checks={verification.checks} canRecord={canReview} />
      </Box>
    </Stack>
  );
}
