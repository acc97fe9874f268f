/**
 * "Appliquer une limitation" on a partner's page: opens the apply form with the partner
 * prefilled. Shown to the roles that may create a limitation (ops, admin: canAccess reads
 * shared/permissions.ts) and for an active partner only (LIM-8: the server refuses others).
 */
import { Link } from 'react-router-dom';
import Button from '@mui/material/Button';
import AddIcon from '@mui/icons-material/Add';
import { useCanAccess, useCreatePath, useRecordContext, useTranslate } from 'react-admin';

export function applyLimitationPath(createPath: ReturnType<typeof useCreatePath>, partnerId: number | string): string {
  return `${createPath({ resource: 'limitations', type: 'create' })}?source=${encodeURIComponent(JSON.stringify({ partnerId }))}`;
}

export function ApplyLimitationButton() {
  const partner = useRecordContext<{ id: number; status: string }>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'limitations', action: 'create' });
  if (!partner || canAccess !== true || partner.status !== 'active') return null;
  return (
    <Button component={Link} to={applyLimitationPath(createPath, partner.id)} variant="contained" startIcon={<AddIcon />} size="small">
      {translate('app.limitations.apply')}
    </Button>
  );
}
