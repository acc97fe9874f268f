import PeopleIcon from '@mui/icons-material/People';
import type { Client } from '../types';
import { ClientList } from './ClientList';
import { ClientShow } from './ClientShow';

export default {
  list: ClientList,
  show: ClientShow,
  icon: PeopleIcon,
  recordRepresentation: (c: Client) => `${c.firstName} ${c.lastName} (${c.reference})`,
};
