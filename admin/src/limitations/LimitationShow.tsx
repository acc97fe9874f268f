import { ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField, EnumField, UserReferenceField } from '../common/fields';
import { EvidenceField } from './EvidenceField';
import { LimitationActions } from './LimitationActions';

export function LimitationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <LimitationActions />
        <ReferenceField source="partnerId" reference="partners" />
        <EnumField source="kind" enumName="limitationKind" />
        <EnumField source="reason" enumName="limitationReason" />
        <EnumField source="modality" enumName="limitationModality" />
        <DateTimeField source="startsAt" />
        <DateTimeField source="endsAt" />
        <EnumField source="status" enumName="limitationStatus" />
        <TextField source="note" sx={{ whiteSpace: 'pre-wrap' }} />
        <EvidenceField source="evidence" />
        <UserReferenceField source="createdBy" />
        <UserReferenceField source="terminationRequestedBy" />
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
}
