/**
 * The limitations' table columns, defined once for the limitations list and a partner's
 * limitations: each list picks its columns, in its order. Columns are elements, not
 * components, because DataTable counts and reorders its direct children.
 */
import { DataTable, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';

export const limitationColumns = {
  partnerId: (
    <DataTable.Col key="partnerId" source="partnerId">
      <ReferenceField source="partnerId" reference="partners" />
    </DataTable.Col>
  ),
  kind: (
    <DataTable.Col key="kind" source="kind">
      <EnumField source="kind" enumName="limitationKind" />
    </DataTable.Col>
  ),
  reason: (
    <DataTable.Col key="reason" source="reason">
      <EnumField source="reason" enumName="limitationReason" />
    </DataTable.Col>
  ),
  modality: (
    <DataTable.Col key="modality" source="modality">
      <EnumField source="modality" enumName="limitationModality" />
    </DataTable.Col>
  ),
  status: (
    <DataTable.Col key="status" source="status">
      <EnumField source="status" enumName="limitationStatus" />
    </DataTable.Col>
  ),
  startsAt: (
    <DataTable.Col key="startsAt" source="startsAt">
      <DateTimeField source="startsAt" />
    </DataTable.Col>
  ),
  endsAt: (
    <DataTable.Col key="endsAt" source="endsAt">
      <DateTimeField source="endsAt" />
    </DataTable.Col>
  ),
};
