import BadgeIcon from '@mui/icons-material/Badge';
import type { StaffAccount } from '../types';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export default {
  list: UserList,
  show: UserShow,
  edit: UserEdit,
  create: UserCreate,
  icon: BadgeIcon,
  recordRepresentation: (u: StaffAccount) => u.fullName,
};
