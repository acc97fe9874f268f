/**
 * Take a running case (`POST /api/cases/{id}/assign` with no assignee: assigned to me). No
 * confirmation: taking a case changes nothing the parties see, and the server refuses (409,
 * its sentence notified) when someone else holds it. Hidden once the case is mine.
 */
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useGetIdentity, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { isWorkable } from './caseRules';
import type { CaseRecord } from './caseTypes';
import { useCaseCommand } from './useCaseCommand';

const T = 'app.cases.actions';

export function TakeCaseButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { identity } = useGetIdentity();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'assign' });
  const take = useCaseCommand({ mutationFn: (id: Identifier) => dataProvider.assignCase(id), done: `${T}.done.assign` });
  if (!record || canAccess !== true || !isWorkable(record.status)) return null;
  const mine = identity != null && record.assignedTo != null && String(record.assignedTo) === String(identity.id);
  if (mine) return null;
  return (
    <Button variant="outlined" startIcon={<AssignmentIndIcon />} disabled={take.isPending} onClick={() => take.mutate(record.id)}>
      {translate(`${T}.assign`)}
    </Button>
  );
}
