/**
 * The partner's documents: each with its status and facts, a preview in the page, and —
 * for the agent working the file — approve (recording the facts the requirements table
 * needs, VER-5) or reject with a reason. Below, the upload form (type, file, dates).
 */
import { useMemo, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCanAccess, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { DOCUMENT_TYPES, type DocumentStatus, type DocumentType } from '../../../shared/domain';
import { formatIban, validate } from '../../../shared/validators';
import { QUALIFICATION_CODES } from '../../../shared/verification/requirements';
import { enumKey } from '../common/choices';
import { formatBusinessDate, formatFrenchDateTime } from '../common/format';
import { documentAction, ibanMismatchOf, uploadDocument, type IbanMismatch, type Verification } from './api';
import { DocumentPreview } from './DocumentPreview';
import { localReason } from './NumberCheckInput';

export interface DocumentRow {
  id: number;
  partnerId: number;
  type: DocumentType;
  status: DocumentStatus;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  issuedAt: string | null;
  expiresAt: string | null;
  validUntil: string | null;
  qualification: string | null;
  holderName: string | null;
  iban: string | null;
  worksInFranceAuthorised: boolean | null;
  rejectionReason: string | null;
  createdAt: string;
}

type Facts = Record<string, string | boolean | null>;

const FACT_ORDER = ['issuedAt', 'expiresAt', 'qualification', 'holderName', 'iban', 'worksInFranceAuthorised'] as const;

function FactInputs({ facts, needed, onChange }: { facts: Facts; needed: readonly string[]; onChange: (f: Facts) => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const show = FACT_ORDER.filter((f) => f === 'issuedAt' || f === 'expiresAt' || needed.includes(f));
  const label = (f: string) => `${translate(`app.verification.facts.${f}`)}${needed.includes(f) ? ' *' : ''}`;
  const ibanCheck = typeof facts.iban === 'string' && facts.iban !== '' ? validate('iban', facts.iban) : null;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      {show.map((f) => {
        switch (f) {
          case 'issuedAt':
          case 'expiresAt':
            return (
              <TextField
                key={f}
                type="date"
                label={label(f)}
                value={(facts[f] as string) ?? ''}
                onChange={(e) => onChange({ ...facts, [f]: e.target.value || null })}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            );
          case 'qualification':
            return (
              <TextField key={f} select label={label(f)} value={(facts[f] as string) ?? ''} onChange={(e) => onChange({ ...facts, [f]: e.target.value || null })}>
                {QUALIFICATION_CODES.map((q) => (
                  <MenuItem key={q} value={q}>
                    {translate(`app.verification.qualifications.${q}`)}
                  </MenuItem>
                ))}
              </TextField>
            );
          case 'worksInFranceAuthorised':
            return (
              <Box key={f}>
                <FormLabel id="works-in-france">{label(f)}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="works-in-france"
                  value={facts[f] === true ? 'yes' : facts[f] === false ? 'no' : ''}
                  onChange={(e) => onChange({ ...facts, [f]: e.target.value === 'yes' })}
                >
                  <FormControlLabel value="yes" control={<Radio />} label={translate('app.common.yes')} />
                  <FormControlLabel value="no" control={<Radio />} label={translate('app.common.no')} />
                </RadioGroup>
              </Box>
            );
          default:
            return (
              <TextField
                key={f}
                label={label(f)}
                value={(facts[f] as string) ?? ''}
                onChange={(e) => onChange({ ...facts, [f]: e.target.value })}
                error={f === 'iban' && ibanCheck !== null && !ibanCheck.valid}
                helperText={f === 'iban' && ibanCheck ? (ibanCheck.valid ? translate('app.verification.numbers.valid', { normalized: ibanCheck.normalized }) : localReason(ibanCheck.reason, locale)) : undefined}
              />
            );
        }
      })}
    </Stack>
  );
}

function factsOf(doc: DocumentRow): Facts {
  return {
    issuedAt: doc.issuedAt,
    expiresAt: doc.expiresAt,
    qualification: doc.qualification,
    holderName: doc.holderName,
    iban: doc.iban,
    worksInFranceAuthorised: doc.worksInFranceAuthorised,
  };
}

/** Only the facts that changed (and no empty strings): the server validates what it receives. */
function changedFacts(before: Facts, after: Facts): Facts {
  const out: Facts = {};
  for (const f of FACT_ORDER) {
    const v = after[f] === '' ? null : after[f];
    if (v !== before[f]) out[f] = v;
  }
  return out;
}

function ReviewDialog({
  doc,
  mode,
  needed,
  onClose,
}: {
  doc: DocumentRow;
  mode: 'approve' | 'reject';
  needed: readonly string[];
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [facts, setFacts] = useState<Facts>(() => factsOf(doc));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  // REF-5: the server refused a RIB whose IBAN is not the partner's; the agent may make it theirs.
  const [mismatch, setMismatch] = useState<IbanMismatch | null>(null);
  const typeLabel = translate(enumKey('documentType', doc.type));
  const missing = needed.filter((f) => facts[f] === null || facts[f] === undefined || facts[f] === '');
  const ibanBad = typeof facts.iban === 'string' && facts.iban !== '' && !validate('iban', facts.iban).valid;
  const canSubmit = mode === 'approve' ? missing.length === 0 && !ibanBad : reason.trim().length >= 3;

  async function send(updatePartnerIban: boolean) {
    setBusy(true);
    try {
      const approval = updatePartnerIban ? { ...changedFacts(factsOf(doc), facts), updatePartnerIban: true } : changedFacts(factsOf(doc), facts);
      await documentAction(doc.id, mode, mode === 'approve' ? approval : { reason: reason.trim(), expectedStatus: doc.status });
      notify(mode === 'approve' ? 'app.verification.documents.approved' : 'app.verification.documents.rejected', { type: 'success' });
      onClose();
      refresh();
    } catch (error) {
      const found = mode === 'approve' ? ibanMismatchOf(error) : null;
      if (found) setMismatch(found);
      else notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void send(false);
  }

  function changeFacts(next: Facts) {
    setFacts(next);
    if (next.iban !== facts.iban) setMismatch(null);
  }

  return (
    <Dialog open onClose={onClose} fullWidth aria-labelledby="review-document-title">
      <form onSubmit={submit}>
        <DialogTitle id="review-document-title">
          {translate(mode === 'approve' ? 'app.verification.documents.approveTitle' : 'app.verification.documents.rejectTitle', { type: typeLabel })}
        </DialogTitle>
        <DialogContent>
          {mode === 'approve' ? (
            <>
              <FactInputs facts={facts} needed={needed} onChange={changeFacts} />
              {mismatch && (
                <Alert severity="warning" sx={{ mt: 2 }} data-testid="rib-iban-mismatch">
                  {translate('app.verification.documents.ibanMismatch', { documentIban: mismatch.documentIban, partnerIban: mismatch.partnerIban })}
                </Alert>
              )}
            </>
          ) : (
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={2}
              margin="normal"
              label={translate('app.verification.documents.rejectReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          {mode === 'approve' && mismatch && (
            <Button variant="outlined" color="warning" disabled={busy || !canSubmit} onClick={() => void send(true)}>
              {translate('app.verification.documents.updateIbanAndApprove')}
            </Button>
          )}
          <Button type="submit" variant="contained" color={mode === 'approve' ? 'success' : 'error'} disabled={busy || !canSubmit}>
            {translate(mode === 'approve' ? 'app.verification.documents.approve' : 'app.verification.documents.reject')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function UploadForm({ partnerId, suggested }: { partnerId: number; suggested: readonly DocumentType[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [type, setType] = useState<DocumentType | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [issuedAt, setIssuedAt] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [qualification, setQualification] = useState('');
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const ordered = useMemo(() => [...suggested, ...DOCUMENT_TYPES.filter((t) => !suggested.includes(t))], [suggested]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!type || !file) return;
    const form = new FormData();
    form.set('type', type);
    if (issuedAt) form.set('issuedAt', issuedAt);
    if (expiresAt) form.set('expiresAt', expiresAt);
    if (type === 'diploma' && qualification) form.set('qualification', qualification);
    form.set('file', file, file.name);
    setBusy(true);
    try {
      await uploadDocument(partnerId, form);
      notify('app.verification.documents.uploaded', { type: 'success' });
      setType('');
      setFile(null);
      setIssuedAt('');
      setExpiresAt('');
      setQualification('');
      setInputKey((k) => k + 1);
      refresh();
    } catch (error) {
      notify((error as Error).message || 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box component="form" onSubmit={submit} aria-label={translate('app.verification.documents.upload')} sx={{ mt: 2 }}>
      <Typography variant="subtitle1">{translate('app.verification.documents.upload')}</Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1, alignItems: { md: 'center' } }}>
        <TextField select required label={translate('app.verification.documents.type')} value={type} onChange={(e) => setType(e.target.value as DocumentType)} sx={{ minWidth: 260 }}>
          {ordered.map((t) => (
            <MenuItem key={t} value={t}>
              {translate(enumKey('documentType', t))}
              {suggested.includes(t) ? ` — ${translate('app.verification.documents.requested')}` : ''}
            </MenuItem>
          ))}
        </TextField>
        {type === 'diploma' && (
          <TextField select label={translate('app.verification.facts.qualification')} value={qualification} onChange={(e) => setQualification(e.target.value)} sx={{ minWidth: 220 }}>
            {QUALIFICATION_CODES.map((q) => (
              <MenuItem key={q} value={q}>
                {translate(`app.verification.qualifications.${q}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField type="date" label={translate('app.verification.facts.issuedAt')} value={issuedAt} onChange={(e) => setIssuedAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="date" label={translate('app.verification.facts.expiresAt')} value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <Button variant="outlined" component="label">
          {file ? file.name : translate('app.verification.documents.chooseFile')}
          <input
            key={inputKey}
            hidden
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            aria-label={translate('app.verification.documents.file')}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </Button>
        <Button type="submit" variant="contained" disabled={busy || !type || !file}>
          {translate('app.verification.documents.send')}
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {translate('app.verification.documents.fileHelp')}
      </Typography>
    </Box>
  );
}

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
  const [review, setReview] = useState<null | { doc: DocumentRow; mode: 'approve' | 'reject' }>(null);
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
                    <Button size="small" color="success" onClick={() => setReview({ doc, mode: 'approve' })}>
                      {translate('app.verification.documents.approve')}
                    </Button>
                  )}
                  {canReview && mayReject && (doc.status === 'pending' || doc.status === 'approved') && (
                    <Button size="small" color="error" onClick={() => setReview({ doc, mode: 'reject' })}>
                      {translate('app.verification.documents.reject')}
                    </Button>
                  )}
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
      {mayUpload && !closed && <UploadForm partnerId={verification.partnerId} suggested={verification.requiredDocumentTypes} />}
      {review && (
        <ReviewDialog
          doc={review.doc}
          mode={review.mode}
          needed={verification.requiredFacts[review.doc.type] ?? []}
          onClose={() => setReview(null)}
        />
      )}
    </Box>
  );
}
