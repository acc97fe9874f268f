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
import { CsvListActions } from '../export/CsvListActions';
import type { Review } from '../types';

const RATING_CHOICES = [1, 2, 3, 4, 5].map((rating) => ({ id: rating, name: '★'.repeat(rating) }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <SelectInput key="rating" source="rating" choices={RATING_CHOICES} translateChoice={false} />,
];

export function ReviewList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
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
