import { Labeled, NumberField, Pagination, ReferenceManyField, Show, SimpleShowLayout, TopToolbar } from 'react-admin';
import { BusinessDateField, DateTimeField, EnumField, MoneyField } from '../common/fields';
import { PayoutTable } from '../payouts/PartnerPayouts';
import { SepaDownloadButton } from './SepaDownloadButton';

function PayoutRunActions() {
  return (
    <TopToolbar>
      <SepaDownloadButton />
    </TopToolbar>
  );
}

/** A payout run (PAY-7): its period, dates and totals, its payouts and their sessions; admin downloads its SEPA file. */
export function PayoutRunShow() {
  return (
    <Show actions={<PayoutRunActions />}>
      <SimpleShowLayout>
        <EnumField source="periodKind" enumName="payoutFrequency" />
        <BusinessDateField source="periodStart" />
        <BusinessDateField source="periodEnd" />
        <BusinessDateField source="payoutDate" />
        <BusinessDateField source="expectedArrivalAt" />
        <NumberField source="payoutCount" />
        <MoneyField source="totalCents" />
        <DateTimeField source="createdAt" />
        <Labeled label="resources.payout-runs.payouts" fullWidth>
          <ReferenceManyField reference="payouts" target="payoutRunId" sort={{ field: 'id', order: 'ASC' }} perPage={25} pagination={<Pagination />}>
            <PayoutTable showPartner />
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
