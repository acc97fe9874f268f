import { Edit } from 'react-admin';
import { PartnerForm } from './PartnerForm';

/** Pessimistic: the server validates SIREN/IBAN, and its 422 must reach the form before we leave it. */
export function PartnerEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <PartnerForm payoutFrequency />
    </Edit>
  );
}
