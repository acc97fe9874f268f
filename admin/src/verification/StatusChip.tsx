/** A checklist item's status (missing | pending | ok | rejected | expired) as a coloured chip. */
import Chip from '@mui/material/Chip';
import { useTranslate } from 'react-admin';
import type { ItemStatus } from '../../../shared/verification/requirements';

const COLOR: Record<ItemStatus, 'default' | 'warning' | 'success' | 'error' | 'info'> = {
  missing: 'default',
  pending: 'info',
  ok: 'success',
  rejected: 'error',
  expired: 'warning',
};

export function ItemStatusChip({ status }: { status: ItemStatus }) {
  const translate = useTranslate();
  return <Chip size="small" color={COLOR[status]} variant={status === 'missing' ? 'outlined' : 'filled'} label={translate(`app.verification.itemStatus.${status}`)} />;
}

export const requirementLabel = (code: string) => `app.verification.requirements.${code}`;
