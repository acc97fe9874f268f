import HandshakeIcon from '@mui/icons-material/Handshake';
import type { Partner } from '../types';
import { PartnerCreate } from './PartnerCreate';
import { PartnerEdit } from './PartnerEdit';
import { PartnerList } from './PartnerList';
import { PartnerShow } from './PartnerShow';

export default {
  list: PartnerList,
  show: PartnerShow,
  edit: PartnerEdit,
  create: PartnerCreate,
  icon: HandshakeIcon,
  recordRepresentation: (p: Partner) => `${p.firstName} ${p.lastName} (${p.reference})`,
};
