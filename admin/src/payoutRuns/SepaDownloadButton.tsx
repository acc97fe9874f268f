/**
 * The run's bank file (PAY-7), admin only (`payout-runs` → `sepa`): the SEPA credit transfer
 * is fetched, then saved; a refusal (a partner without a valid IBAN, 422) is shown with the
 * partners to correct rather than saved as a file.
 */
import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import { useCanAccess, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { API_URL } from '../apiUrl';
import { isApiErrorBody } from '../httpClient';
import type { PayoutRun } from '../types';

export function sepaFileUrl(id: string | number): string {
  return `${API_URL}/payout-runs/${encodeURIComponent(String(id))}/sepa.xml`;
}

export function SepaDownloadButton() {
  const run = useRecordContext<PayoutRun>();
  const translate = useTranslate();
  const notify = useNotify();
  const { canAccess } = useCanAccess({ resource: 'payout-runs', action: 'sepa', record: run });
  if (!run || canAccess !== true) return null;
  const download = async () => {
    const res = await fetch(sepaFileUrl(run.id), { credentials: 'same-origin' });
    if (!res.ok) {
      const body: unknown = await res.json().catch(() => null);
      if (isApiErrorBody(body)) {
        const payouts = (body.error.details?.payouts as { reference: string; name: string }[] | undefined) ?? [];
        notify([body.error.message, ...payouts.map((p) => `${p.reference} ${p.name}`)].join('\n'), { type: 'error', multiLine: true, autoHideDuration: null });
      } else notify('resources.payout-runs.sepaFailed', { type: 'error' });
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `virements-${run.periodKind}-${run.periodStart}.xml`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download()}>
      {translate('resources.payout-runs.sepa')}
    </Button>
  );
}
