/**
 * The partner's documents: each with its status and facts, a preview in the page, and —
 * for the agent working the file — approve (recording the facts the requirements table
 * needs, VER-5) or reject with a reason. Below, the upload form (type, file, dates).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCanAccess, useTranslate } from 'react-admin';
import { formatIban, validate } from '../../../shared/validators';
import { enumKey } from '../common/choices';
import { formatBusinessDate, formatFrenchDateTime } from '../common/format';
import { ApproveDocumentButton } from './ApproveDocumentButton';
import { DocumentPreview } from './DocumentPreview';
import { RejectDocumentButton } from './RejectDocumentButton';
import { UploadDocumentForm } from './UploadDocumentForm';
import type { DocumentRow, Verification } from './verificationTypes';

export function DocumentsSection({
  documents,
  verification,
  selected,
  onSelect,
  canReview,
}: {
  documents: DocumentRow[];
  verification: Verification;
  selected: number | null;
  onSelect: (id: number | null) => void;
  canReview: boolean;
}) {
  const translate = useTranslate();
  const { canAccess: mayApprove } = useCanAccess({ resource: 'documents', action: 'approve' });
  const { canAccess: mayReject } = useCanAccess({ resource: 'documents', action: 'reject' });
  const { canAccess: mayUpload } = useCanAccess({ resource: 'documents', action: 'create' });
  const shown = documents.find((d) => d.id === selected) ?? null;
  const closed = verification.status === 'refused' || verification.status === 'terminated';

  return (
    <Box>
      {documents.length === 0 ? (
        <Typography variant="body2">{translate('app.verification.documents.none')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('app.verification.documents.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.documents.fields.type')}</TableCell>
              <TableCell>{translate('resources.documents.fields.status')}</TableCell>
              <TableCell>{translate('resources.documents.fields.fileName')}</TableCell>
              <TableCell>{translate('app.verification.documents.facts')}</TableCell>
              <TableCell>{translate('resources.documents.fields.createdAt')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {documents.map((doc) => (
              <TableRow key={doc.id} selected={doc.id === selected} data-document={doc.id}>
                <TableCell>
                  {translate(enumKey('documentType', doc.type))}
                  {doc.qualification ? ` (${translate(`app.verification.qualifications.${doc.qualification}`)})` : ''}
                </TableCell>
                <TableCell>
                  {translate(enumKey('documentStatus', doc.status))}
                  {doc.rejectionReason ? ` — ${doc.rejectionReason}` : ''}
                </TableCell>
                <TableCell>{doc.fileName}</TableCell>
                <TableCell>
                  <Typography variant="caption" component="div">
                    {doc.issuedAt && `${translate('app.verification.facts.issuedAt')} ${formatBusinessDate(doc.issuedAt)} `}
                    {doc.validUntil && `· ${translate('app.verification.facts.validUntil')} ${formatBusinessDate(doc.validUntil)} `}
                    {doc.holderName && `· ${doc.holderName} `}
                    {/* The IBAN read from the document itself, never the partner's (REF-5: the two are compared on approval). */}
                    {doc.iban && `· ${translate('app.verification.facts.iban')} ${validate('iban', doc.iban).valid ? formatIban(doc.iban) : doc.iban} `}
                    {doc.worksInFranceAuthorised !== null &&
                      `· ${translate('app.verification.facts.worksInFranceAuthorised')} : ${translate(doc.worksInFranceAuthorised ? 'app.common.yes' : 'app.common.no')}`}
                  </Typography>
                </TableCell>
                <TableCell>{formatFrenchDateTime(doc.createdAt)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button size="small" onClick={() => onSelect(doc.id === selected ? null : doc.id)}>
                    {translate('app.verification.documents.preview')}
                  </Button>
                  {canReview && mayApprove && doc.status === 'pending' && (
                    <ApproveDocumentButton doc={doc} needed={verification.requiredFacts[doc.type] ?? []} />
                  )}
                  {canReview && mayReject && (doc.status === 'pending' || doc.status === 'approved') && <RejectDocumentButton doc={doc} />}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {shown && (
        <Box sx={{ mt: 2 }}>
          <DocumentPreview document={shown} />
        </Box>
      )}
      {mayUpload && !closed && <UploadDocumentForm partnerId={verification.partnerId} suggested={verification.requiredDocumentTypes} />}
    </Box>
  );
}
