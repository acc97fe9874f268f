/** The lists shown on a partner's page: its limitations, and (for roles that may read them) its documents. */
import Box from '@mui/material/Box';
import { DataTable, Labeled, Pagination, ReferenceManyField } from 'react-admin';
import { BusinessDateField, DateTimeField, EnumField } from '../common/fields';
import { Restricted } from '../common/Restricted';
import { ApplyLimitationButton } from '../limitations/ApplyLimitationButton';

/** The partner's limitations, newest first, with "Appliquer une limitation" for ops and admins (issue 5). */
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
            <DataTable.Col source="kind">
              <EnumField source="kind" enumName="limitationKind" />
            </DataTable.Col>
            <DataTable.Col source="reason">
              <EnumField source="reason" enumName="limitationReason" />
            </DataTable.Col>
            <DataTable.Col source="modality">
              <EnumField source="modality" enumName="limitationModality" />
            </DataTable.Col>
            <DataTable.Col source="status">
              <EnumField source="status" enumName="limitationStatus" />
            </DataTable.Col>
            <DataTable.Col source="startsAt">
              <DateTimeField source="startsAt" />
            </DataTable.Col>
            <DataTable.Col source="endsAt">
              <DateTimeField source="endsAt" />
            </DataTable.Col>
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
            <DataTable.Col source="type">
              <EnumField source="type" enumName="documentType" />
            </DataTable.Col>
            <DataTable.Col source="status">
              <EnumField source="status" enumName="documentStatus" />
            </DataTable.Col>
            <DataTable.Col source="fileName" />
            <DataTable.Col source="expiresAt">
              <BusinessDateField source="expiresAt" />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </Labeled>
    </Restricted>
  );
}
