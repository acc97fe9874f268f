/**
 * "Exporter" on every list: the browser downloads the server's CSV of the list as it is shown
 * (its filters, including a permanent one, and its sort) — every matching row, however many,
 * in the console's language — instead of react-admin's exporter, which builds the file in the
 * browser from at most 1,000 rows. The server writes the file (French Excel format, the role's
 * masking); a refusal (403, a bad filter) is shown as the server's message.
 */
import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/GetApp';
import { Button, useListContext, useLocaleState, useNotify } from 'react-admin';
import { isApiErrorBody } from '../httpClient';
import { attachmentName, csvExportUrl } from './csvExportUrl';

function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function errorMessage(res: Response): Promise<string | null> {
  try {
    const body: unknown = await res.json();
    return isApiErrorBody(body) ? body.error.message : null;
  } catch {
    return null;
  }
}

export function ServerCsvExportButton() {
  const { resource, filter, filterValues, sort, total } = useListContext();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const url = csvExportUrl(resource, sort, filter ? { ...filterValues, ...filter } : filterValues);
      const res = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': locale } });
      if (!res.ok) {
        const message = await errorMessage(res);
        notify(message ?? 'ra.notification.http_error', { type: 'error', ...(message ? { translateOptions: { _: message } } : {}) });
        return;
      }
      saveFile(await res.blob(), attachmentName(res.headers.get('Content-Disposition'), `${resource}.csv`));
    } catch {
      notify('ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label="ra.action.export" onClick={download} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
}
