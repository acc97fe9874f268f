import BlockIcon from '@mui/icons-material/Block';
import { LimitationList } from './LimitationList';
import { LimitationShow } from './LimitationShow';

export default {
  list: LimitationList,
  show: LimitationShow,
  icon: BlockIcon,
};
