import { AutocompleteInput, ReferenceInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { choices } from '../common/choices';
import { DayEndInput, DayStartInput } from '../common/inputs';

export const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices.orderStatus} alwaysOn />,
  <ReferenceInput key="serviceCode" source="serviceCode" reference="services" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
  <ReferenceInput key="clientId" source="clientId" reference="clients">
    <AutocompleteInput />
  </ReferenceInput>,
  <TextInput key="city" source="city" />,
  <DayStartInput key="startsAt_gte" source="startsAt_gte" />,
  <DayEndInput key="startsAt_lte" source="startsAt_lte" />,
];
