import Chip from '@mui/material/Chip';
import { useGetIdentity, useTranslate } from 'react-admin';
import { enumKey } from '../common/choices';

/** Who is signed in and with which role: what the console shows depends on it. */
export function RoleChip() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity || typeof identity.role !== 'string') return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={translate(enumKey('role', identity.role))}
      sx={{ color: 'inherit', borderColor: 'currentColor', mx: 1, display: { xs: 'none', sm: 'inline-flex' } }}
    />
  );
}
