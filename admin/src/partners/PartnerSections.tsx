/** The lists shown on a partner's page: its limitations, and (for roles that may read them) its documents. */
import Box from '@mui/material/Box';
import { DataTable, Labeled, Pagination, ReferenceManyField } from 'react-admin';
import { Restricted } from '../common/Restricted';
import { documentColumns as documents } from '../documents/documentColumns';
import { limitationColumns as limitations } from '../limitations/limitationColumns';
import { ApplyLimitationButton } from '../limitations/ApplyLimitationButton';

/** The partner's limitations, newest first, with "Appliquer une limitation" for ops and admins. */
export function PartnerLimitations(_props: { label?: false }) {
  return (
    <Labeled label="resources.partners.sections.limitations" fullWidth>
      <Box data-testid="partner-limitations">
        <Box sx={{ my: 1 }}>
          <ApplyLimitationButton />
        </Box>
        <ReferenceManyField
          reference="limitations"
          target="partnerId"
          sort={{ field: 'startsAt', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination />}
        >
          <DataTable bulkActionButtons={false} rowClick="show">
            {limitations.kind}
            {limitations.reason}
            {limitations.modality}
            {limitations.status}
            {limitations.startsAt}
            {limitations.endsAt}
          </DataTable>
        </ReferenceManyField>
      </Box>
    </Labeled>
  );
}

/** Documents are readable by support and admins only: other roles do not even ask for them. */
export function PartnerDocuments(_props: { label?: false }) {
  return (
    <Restricted resource="documents" label={false}>
      <Labeled label="resources.partners.sections.documents" fullWidth>
        <ReferenceManyField
          reference="documents"
          target="partnerId"
          sort={{ field: 'createdAt', order: 'DESC' }}
          perPage={25}
          pagination={<Pagination />}
        >
          <DataTable bulkActionButtons={false} rowClick={false}>
            {documents.type}
            {documents.status}
            {documents.fileName}
            {documents.expiresAt}
          </DataTable>
        </ReferenceManyField>
      </Labeled>
    </Restricted>
  );
}
