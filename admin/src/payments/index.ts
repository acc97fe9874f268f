import EuroIcon from '@mui/icons-material/Euro';
import { PaymentList } from './PaymentList';

export default {
  list: PaymentList,
  icon: EuroIcon,
};
