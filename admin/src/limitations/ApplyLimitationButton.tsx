/**
 * "Appliquer une limitation" on a partner's page: opens the apply form with the partner
 * prefilled. Shown to the roles that may create a limitation (ops, admin) and for an active
 * partner only (LIM-8: the server refuses others).
 */
import { CreateFromRecordButton } from '../common/CreateFromRecordButton';

export function ApplyLimitationButton() {
  return (
    <CreateFromRecordButton<{ id: number; status: string }>
      resource="limitations"
      text="app.limitations.apply"
      prefill={(partner) => ({ partnerId: partner.id })}
      when={(partner) => partner.status === 'active'}
    />
  );
}
