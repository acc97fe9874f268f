import {
  DataTable,
  Labeled,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import { paymentColumns as payments } from '../payments/paymentColumns';
import { proposalColumns as proposals } from '../proposals/proposalColumns';
import { CreateFromRecordButton } from '../common/CreateFromRecordButton';
import { Restricted } from '../common/Restricted';
import { OrderSheetPanel } from '../sheets/OrderSheetPanel';
import { CancelOrderButton } from './CancelOrderButton';
import { OrderTimeline } from './OrderTimeline';

export function OrderShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="reference" />
        <ReferenceField source="clientId" reference="clients" />
        <ReferenceField source="partnerId" reference="partners" />
        <ReferenceField source="serviceCode" reference="services" />
        <DateTimeField source="startsAt" />
        <DateTimeField source="endsAt" />
        <EnumField source="status" enumName="orderStatus" />
        <MoneyField source="priceCents" />
        <MoneyField source="partnerPayCents" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="sheetSignedAt" />
        {/* A client or a partner on the phone asks to cancel: support and admins (CLI-3, SCO-4). */}
        <CancelOrderButton label={false} />
        {/* A complaint about this order (MED-2): mediators and admins open a case prefilled with it. */}
        <CreateFromRecordButton<{ id: number }> resource="cases" text="app.cases.openFromOrder" prefill={(order) => ({ orderId: order.id })} />
        {/* Intervention sheet and signed coupon (SHEET-1): coordinators and admins. */}
        <Restricted resource="orders" action="sheet" label={false}>
          <Labeled label="app.sheets.order.title" fullWidth>
            <OrderSheetPanel />
          </Labeled>
        </Restricted>
        <ReferenceManyField
          label="resources.orders.sections.proposals"
          reference="proposals"
          target="orderId"
          sort={{ field: 'rank', order: 'ASC' }}
          perPage={25}
          pagination={<Pagination />}
        >
          <DataTable bulkActionButtons={false}>
            {proposals.rank}
            {proposals.partnerId}
            {/* What the ranking saw when it sent the proposal (DSP-10: score, then distance). */}
            {proposals.score}
            {proposals.distanceKm}
            {proposals.sentAt}
            {proposals.deadlineAt}
            {proposals.answer}
            {proposals.answeredAt}
            {proposals.proposedStartsAt}
            {proposals.clientAnswer}
          </DataTable>
        </ReferenceManyField>
        {/* Payments are readable by ops, mediators and admins only (shared/permissions.ts). */}
        <Restricted resource="payments" label={false}>
          <Labeled label="resources.orders.sections.payments" fullWidth>
            <ReferenceManyField reference="payments" target="orderId" sort={{ field: 'dueAt', order: 'ASC' }} perPage={25}>
              <DataTable bulkActionButtons={false}>
                {payments.kind}
                {payments.amountCents}
                {payments.dueAt}
                {payments.doneAt}
              </DataTable>
            </ReferenceManyField>
          </Labeled>
        </Restricted>
        <OrderTimeline label={false} />
      </SimpleShowLayout>
    </Show>
  );
}
