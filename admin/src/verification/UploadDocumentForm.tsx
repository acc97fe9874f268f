/**
 * The upload of a partner's document (`POST /api/partners/{id}/documents`, multipart): its
 * type — those the checklist still asks for first — the file, its dates and, for a diploma,
 * the qualification.
 */
import { useMemo, useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { DOCUMENT_TYPES, type DocumentType } from '../../../shared/domain';
import { QUALIFICATION_CODES } from '../../../shared/verification/requirements';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { useFileSizeGuard } from '../common/useFileSizeGuard';

export function UploadDocumentForm({ partnerId, suggested }: { partnerId: number; suggested: readonly DocumentType[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [type, setType] = useState<DocumentType | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const [issuedAt, setIssuedAt] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [qualification, setQualification] = useState('');
  const [inputKey, setInputKey] = useState(0);
  const sizeAllowed = useFileSizeGuard();
  const ordered = useMemo(() => [...suggested, ...DOCUMENT_TYPES.filter((t) => !suggested.includes(t))], [suggested]);
  const upload = useMutation({
    mutationFn: (form: FormData) => dataProvider.uploadDocument(partnerId, form),
    onSuccess: () => {
      notify('app.verification.documents.uploaded', { type: 'success' });
      setType('');
      setFile(null);
      setIssuedAt('');
      setExpiresAt('');
      setQualification('');
      setInputKey((k) => k + 1);
      refresh();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'error' }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!type || !file) return;
    const form = new FormData();
    form.set('type', type);
    if (issuedAt) form.set('issuedAt', issuedAt);
    if (expiresAt) form.set('expiresAt', expiresAt);
    if (type === 'diploma' && qualification) form.set('qualification', qualification);
    form.set('file', file, file.name);
    upload.mutate(form);
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
            onChange={async (e) => {
              const picker = e.target;
              const picked = picker.files?.[0] ?? null;
              if (picked && !(await sizeAllowed(picked))) {
                picker.value = '';
                return;
              }
              setFile(picked);
            }}
          />
        </Button>
        <Button type="submit" variant="contained" disabled={upload.isPending || !type || !file}>
          {translate('app.verification.documents.send')}
        </Button>
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {translate('app.verification.documents.fileHelp')}
      </Typography>
    </Box>
  );
}
