/**
 * A document shown inside the page: images as <img>, PDFs in an <object> fed with the
 * file's bytes (a blob: URL — the server sends files with a sandbox CSP, in which
 * browsers refuse to run their PDF viewer; the bytes are the ones the server sniffed as PDF).
 */
import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { documentFileUrl } from './documentFileUrl';

export interface PreviewableDocument {
  id: number | string;
  mimeType: string;
  fileName: string;
}

export function DocumentPreview({ document }: { document: PreviewableDocument }) {
  const translate = useTranslate();
  const url = documentFileUrl(document.id);
  const isPdf = document.mimeType === 'application/pdf';
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!isPdf) return undefined;
    let revoked = false;
    let created: string | null = null;
    setBlobUrl(null);
    setFailed(false);
    fetch(url, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const blob = await res.blob();
        if (revoked) return;
        created = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setBlobUrl(created);
      })
      .catch(() => !revoked && setFailed(true));
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url, isPdf]);

  return (
    <Box data-testid="document-preview" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {document.fileName}{' '}
        <Link href={url} target="_blank" rel="noopener noreferrer">
          {translate('app.verification.documents.openInTab')}
        </Link>
      </Typography>
      {isPdf ? (
        failed ? (
          <Typography color="error">{translate('app.verification.documents.previewFailed')}</Typography>
        ) : blobUrl ? (
          <object data={blobUrl} type="application/pdf" aria-label={document.fileName} style={{ width: '100%', height: 480 }}>
            <Link href={url} target="_blank" rel="noopener noreferrer">
              {translate('app.verification.documents.openInTab')}
            </Link>
          </object>
        ) : (
          <Typography variant="body2">{translate('ra.page.loading')}</Typography>
        )
      ) : (
        <img src={url} alt={document.fileName} style={{ maxWidth: '100%', maxHeight: 480, display: 'block' }} />
      )}
    </Box>
  );
}
