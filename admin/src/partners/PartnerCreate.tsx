import { Create } from 'react-admin';
import { PartnerForm } from './PartnerForm';

/** POST /api/partners creates an applicant (CONTRACT.md). */
export function PartnerCreate() {
  return (
    <Create redirect="show">
      <PartnerForm defaultValues={{ services: [], weeklyHours: [] }} />
    </Create>
  );
}
