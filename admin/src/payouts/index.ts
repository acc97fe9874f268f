import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { PayoutList } from './PayoutList';

export default {
  list: PayoutList,
  icon: AccountBalanceIcon,
};
