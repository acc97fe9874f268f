import FlagIcon from '@mui/icons-material/Flag';
import { SignalList } from './SignalList';

export default {
  list: SignalList,
  icon: FlagIcon,
};
