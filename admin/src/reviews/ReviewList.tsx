import {
  AutocompleteInput,
  BooleanField,
  DataTable,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
} from 'react-admin';
import { DateTimeField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { Review } from '../types';

const RATING_CHOICES = [1, 2, 3, 4, 5].map((rating) => ({ id: rating, name: '★'.repeat(rating) }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="rating" source="rating" choices={RATING_CHOICES} translateChoice={false} />,
];

const csvColumns: CsvColumn<Review>[] = [
  { source: 'orderId' },
  { source: 'partnerId' },
  { source: 'clientId' },
  { source: 'rating', kind: 'number' },
  { source: 'recommended', kind: 'boolean' },
  { source: 'comment' },
  { source: 'createdAt', kind: 'datetime' },
  { source: 'publishedAt', kind: 'datetime' },
];

export function ReviewList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={exporter}>
      <DataTable<Review> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
        <DataTable.Col source="clientId">
          <ReferenceField source="clientId" reference="clients" />
        </DataTable.Col>
        <DataTable.Col source="rating" align="right">
          <NumberField source="rating" />
        </DataTable.Col>
        <DataTable.Col source="recommended">
          <BooleanField source="recommended" />
        </DataTable.Col>
        <DataTable.Col source="comment">
          <TextField source="comment" sx={{ display: 'block', maxWidth: '40ch' }} />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="publishedAt">
          <DateTimeField source="publishedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
