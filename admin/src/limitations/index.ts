import BlockIcon from '@mui/icons-material/Block';
import { LimitationCreate } from './LimitationCreate';
import { LimitationList } from './LimitationList';
import { LimitationShow } from './LimitationShow';

export default {
  list: LimitationList,
  show: LimitationShow,
  create: LimitationCreate,
  icon: BlockIcon,
};
