/**
 * The orders' table columns, defined once for every list of orders (the orders list, a
 * client's orders, the sheets to print): each list picks its columns, in its order. Columns
 * are elements, not components, because DataTable counts and reorders its direct children.
 */
import { DataTable, ReferenceField } from 'react-admin';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';

/** `link: false` where a row click already opens the order and the names are only read. */
export function orderColumns({ link = true }: { link?: boolean } = {}) {
  const to = link ? undefined : false;
  return {
    reference: <DataTable.Col key="reference" source="reference" />,
    clientId: (
      <DataTable.Col key="clientId" source="clientId">
        <ReferenceField source="clientId" reference="clients" link={to} />
      </DataTable.Col>
    ),
    partnerId: (
      <DataTable.Col key="partnerId" source="partnerId">
        <ReferenceField source="partnerId" reference="partners" link={to} />
      </DataTable.Col>
    ),
    serviceCode: (
      <DataTable.Col key="serviceCode" source="serviceCode">
        <ReferenceField source="serviceCode" reference="services" link={false} />
      </DataTable.Col>
    ),
    startsAt: (
      <DataTable.Col key="startsAt" source="startsAt">
        <DateTimeField source="startsAt" />
      </DataTable.Col>
    ),
    city: <DataTable.Col key="city" source="city" />,
    status: (
      <DataTable.Col key="status" source="status">
        <EnumField source="status" enumName="orderStatus" />
      </DataTable.Col>
    ),
    priceCents: (
      <DataTable.Col key="priceCents" source="priceCents" align="right">
        <MoneyField source="priceCents" />
      </DataTable.Col>
    ),
  };
}
