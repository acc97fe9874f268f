import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { Order } from '../types';
import { OrderList } from './OrderList';
import { OrderShow } from './OrderShow';

export default {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingCartIcon,
  recordRepresentation: (o: Order) => o.reference,
};
