/**
 * The documents' table columns, defined once for the documents list and a partner's
 * documents: each list picks its columns, in its order. Columns are elements, not
 * components, because DataTable counts and reorders its direct children.
 */
import { DataTable, ReferenceField } from 'react-admin';
import { BusinessDateField, EnumField } from '../common/fields';

export const documentColumns = {
  partnerId: (
    <DataTable.Col key="partnerId" source="partnerId">
      <ReferenceField source="partnerId" reference="partners" />
    </DataTable.Col>
  ),
  type: (
    <DataTable.Col key="type" source="type">
      <EnumField source="type" enumName="documentType" />
    </DataTable.Col>
  ),
  status: (
    <DataTable.Col key="status" source="status">
      <EnumField source="status" enumName="documentStatus" />
    </DataTable.Col>
  ),
  fileName: <DataTable.Col key="fileName" source="fileName" />,
  expiresAt: (
    <DataTable.Col key="expiresAt" source="expiresAt">
      <BusinessDateField source="expiresAt" />
    </DataTable.Col>
  ),
};
