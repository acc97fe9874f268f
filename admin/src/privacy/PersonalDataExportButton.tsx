/**
 * Personal-data request (GDPR): "Export personal data" on a partner's or a client's
 * page, for admin only (the `personal-data` action, which only admin's `*` grants in
 * shared/permissions.ts — not `export`, which react-admin uses for list exports). A plain link: the browser downloads `GET /api/{resource}/{id}/export`
 * with the session cookie; the server sends a JSON attachment and audits the export
 * (server/ops/personalData.ts).
 *
 * Use: `<Show actions={<PersonalDataShowActions />}>` on PartnerShow / ClientShow, or the
 * button alone in an existing toolbar.
 */
import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import { TopToolbar, useCanAccess, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { API_URL } from '../apiUrl';

export function personalDataExportUrl(resource: string, id: string | number): string {
  return `${API_URL}/${resource}/${encodeURIComponent(String(id))}/export`;
}

export function PersonalDataExportButton() {
  const resource = useResourceContext();
  const record = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: resource ?? '', action: 'personal-data', record });
  if (!resource || !record || canAccess !== true || (resource !== 'partners' && resource !== 'clients')) return null;
  return (
    <Button size="small" startIcon={<DownloadIcon />} component="a" href={personalDataExportUrl(resource, record.id)} download>
      {translate('app.personalData.export', { _: 'Exporter les données personnelles (RGPD)' })}
    </Button>
  );
}

export function PersonalDataShowActions() {
  return (
    <TopToolbar>
      <PersonalDataExportButton />
    </TopToolbar>
  );
}
