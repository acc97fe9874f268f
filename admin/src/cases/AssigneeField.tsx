import Typography from '@mui/material/Typography';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { UserReferenceField } from '../common/fields';
import type { CaseRecord } from './caseTypes';

/**
 * Who handles the case: "you" when it is the signed-in mediator; otherwise the colleague's
 * name (a link to the staff account for admins, the name alone for other roles).
 */
export function AssigneeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<CaseRecord>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record) return null;
  if (record.assignedTo == null) return <Typography variant="body2">{translate('app.cases.unassigned')}</Typography>;
  if (identity && String(identity.id) === String(record.assignedTo)) {
    return <Typography variant="body2">{translate('app.cases.assignedToMe', { name: identity.fullName ?? '' })}</Typography>;
  }
  return <UserReferenceField source="assignedTo" />;
}
