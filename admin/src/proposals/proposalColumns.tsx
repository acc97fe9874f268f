/**
 * The proposals' table columns, defined once for the proposals list and an order's proposals:
 * each list picks its columns, in its order. Columns are elements, not components, because
 * DataTable counts and reorders its direct children.
 */
import { DataTable, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField } from '../common/fields';

const ONE_DECIMAL = { maximumFractionDigits: 1 };

export const proposalColumns = {
  orderId: (
    <DataTable.Col key="orderId" source="orderId">
      <ReferenceField source="orderId" reference="orders" />
    </DataTable.Col>
  ),
  partnerId: (
    <DataTable.Col key="partnerId" source="partnerId">
      <ReferenceField source="partnerId" reference="partners" />
    </DataTable.Col>
  ),
  rank: <DataTable.NumberCol key="rank" source="rank" />,
  /** What the ranking saw when it sent the proposal (DSP-10: score, then distance). */
  score: <DataTable.NumberCol key="score" source="score" options={ONE_DECIMAL} locales="fr-FR" />,
  distanceKm: <DataTable.NumberCol key="distanceKm" source="distanceKm" options={ONE_DECIMAL} locales="fr-FR" />,
  sentAt: (
    <DataTable.Col key="sentAt" source="sentAt">
      <DateTimeField source="sentAt" />
    </DataTable.Col>
  ),
  deadlineAt: (
    <DataTable.Col key="deadlineAt" source="deadlineAt">
      <DateTimeField source="deadlineAt" />
    </DataTable.Col>
  ),
  answer: (
    <DataTable.Col key="answer" source="answer">
      <EnumField source="answer" enumName="proposalAnswer" />
    </DataTable.Col>
  ),
  answeredAt: (
    <DataTable.Col key="answeredAt" source="answeredAt">
      <DateTimeField source="answeredAt" />
    </DataTable.Col>
  ),
  proposedStartsAt: (
    <DataTable.Col key="proposedStartsAt" source="proposedStartsAt">
      <DateTimeField source="proposedStartsAt" />
    </DataTable.Col>
  ),
  clientAnswer: <DataTable.Col key="clientAnswer" source="clientAnswer" />,
};
