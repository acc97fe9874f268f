import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { PayoutRunList } from './PayoutRunList';
import { PayoutRunShow } from './PayoutRunShow';

export default {
  list: PayoutRunList,
  show: PayoutRunShow,
  icon: EventRepeatIcon,
};
