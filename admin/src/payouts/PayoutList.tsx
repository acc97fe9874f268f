import { AutocompleteInput, List, ReferenceInput } from 'react-admin';
import { CsvListActions } from '../export/CsvListActions';
import { PayoutTable } from './PartnerPayouts';
import { SavedViewsAside } from '../common/SavedViewsAside';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function PayoutList() {
  return (
    <List filters={filters} sort={{ field: 'periodEnd', order: 'DESC' }} exporter={false} actions={<CsvListActions />} aside={<SavedViewsAside />}>
      {/* A row opens on the sessions it pays (PAY-7). */}
      <PayoutTable showPartner />
    </List>
  );
}
