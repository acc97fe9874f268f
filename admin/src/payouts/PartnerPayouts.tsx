/**
 * A partner's payouts (PAY-4, PAY-7), newest first: period, amount, the number of sessions,
 * payout and arrival dates, where the money is; each row opens on the sessions it pays.
 * Shown to the roles that read payouts (ops, support, admin).
 */
import { DataTable, Pagination, ReferenceField, ReferenceManyField } from 'react-admin';
import { BusinessDateField, MoneyField } from '../common/fields';
import type { Payout } from '../types';
import { PayoutLines } from './PayoutLines';
import { PayoutStatusField } from './PayoutStatusField';

export function PartnerPayouts(_props: { label?: false }) {
  return (
    <ReferenceManyField reference="payouts" target="partnerId" sort={{ field: 'periodEnd', order: 'DESC' }} perPage={10} pagination={<Pagination />}>
      <PayoutTable />
    </ReferenceManyField>
  );
}

/** The payouts of a partner or of a run, with their lines on expansion. */
export function PayoutTable({ showPartner = false }: { showPartner?: boolean }) {
  return (
    <DataTable<Payout> bulkActionButtons={false} rowClick="expand" expand={<PayoutLines />}>
      {showPartner && (
        <DataTable.Col source="partnerId">
          <ReferenceField source="partnerId" reference="partners" />
        </DataTable.Col>
      )}
      <DataTable.Col source="periodStart">
        <BusinessDateField source="periodStart" />
      </DataTable.Col>
      <DataTable.Col source="periodEnd">
        <BusinessDateField source="periodEnd" />
      </DataTable.Col>
      <DataTable.NumberCol source="lineCount" />
      <DataTable.Col source="amountCents" align="right">
        <MoneyField source="amountCents" />
      </DataTable.Col>
      <DataTable.Col source="paidAt">
        <BusinessDateField source="paidAt" />
      </DataTable.Col>
      <DataTable.Col source="arrivesAt">
        <BusinessDateField source="arrivesAt" />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort>
        <PayoutStatusField />
      </DataTable.Col>
    </DataTable>
  );
}
