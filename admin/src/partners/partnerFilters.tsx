import { AutocompleteInput, NumberInput, ReferenceInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { choices } from '../common/choices';

/** Filter keys are the API's (CONTRACT.md partners): `service` takes a service code. */
export const partnerFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices.partnerStatus} alwaysOn />,
  <SelectInput key="vertical" source="vertical" choices={choices.vertical} />,
  <TextInput key="city" source="city" />,
  <SelectInput key="limitation" source="limitation" choices={choices.limitationModality} />,
  <ReferenceInput key="service" source="service" reference="services" perPage={100} sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <NumberInput key="score_gte" source="score_gte" min={0} max={100} />,
  <NumberInput key="score_lte" source="score_lte" min={0} max={100} />,
];
