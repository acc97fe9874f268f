import SpaIcon from '@mui/icons-material/Spa';
import type { Service } from '../types';
import { ServiceEdit } from './ServiceEdit';
import { ServiceList } from './ServiceList';
import { ServiceShow } from './ServiceShow';

export default {
  list: ServiceList,
  show: ServiceShow,
  edit: ServiceEdit,
  icon: SpaIcon,
  recordRepresentation: (s: Service) => s.name,
};
