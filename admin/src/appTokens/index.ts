import KeyIcon from '@mui/icons-material/Key';
import type { AppToken } from '../types';
import { AppTokenCreate } from './AppTokenCreate';
import { AppTokenList } from './AppTokenList';

export default {
  list: AppTokenList,
  create: AppTokenCreate,
  icon: KeyIcon,
  recordRepresentation: (t: AppToken) => t.name,
};
