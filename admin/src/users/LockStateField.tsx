import LockIcon from '@mui/icons-material/Lock';
import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { StaffAccount } from '../types';
import { formatLockEnd, isLocked } from './lockState';

/** "Verrouillé jusqu'à 18:42" while the account's sign-ins are refused; nothing otherwise. */
export function LockStateField(_props: { label?: string }) {
  const record = useRecordContext<StaffAccount>();
  const translate = useTranslate();
  if (!record || !isLocked(record.lockedUntil)) return null;
  return (
    <Chip
      icon={<LockIcon />}
      color="warning"
      size="small"
      label={translate('app.users.lockedUntil', { time: formatLockEnd(record.lockedUntil) })}
    />
  );
}
