import { BooleanField, EditButton, NumberField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { EnumField, MoneyField } from '../common/fields';

export function ServiceShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="id" />
        <EnumField source="vertical" enumName="vertical" />
        <TextField source="name" />
        <NumberField source="durationMin" />
        <MoneyField source="priceCents" />
        <MoneyField source="partnerPayCents" />
        <BooleanField source="regulated" />
      </SimpleShowLayout>
    </Show>
  );
}
