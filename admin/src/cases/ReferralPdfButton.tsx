/** Download the referral file for the mediator (`GET /api/cases/{id}/referral.pdf`): a plain link, for the roles that may (cases:referral). */
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import Button from '@mui/material/Button';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from './caseTypes';
import { referralPdfUrl } from './caseUrls';

export function ReferralPdfButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'referral' });
  if (!record || canAccess !== true) return null;
  return (
    <Button variant="text" startIcon={<PictureAsPdfIcon />} component="a" href={referralPdfUrl(record.id)} download={`saisine-${record.reference}.pdf`}>
      {translate('app.cases.actions.referralPdf')}
    </Button>
  );
}
