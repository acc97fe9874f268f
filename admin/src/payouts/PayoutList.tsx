import { AutocompleteInput, List, ReferenceInput } from 'react-admin';
import { CsvListActions } from '../export/CsvListActions';
import { PayoutTable } from './PartnerPayouts';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
];

export function PayoutList() {
  return (
    <List filters={filters} sort={{ field: 'periodEnd', order: 'DESC' }} exporter={false} actions={<CsvListActions />}>
      {/* A row opens on the sessions it pays (PAY-7). */}
      <PayoutTable showPartner />
    </List>
  );
}
