import GavelIcon from '@mui/icons-material/Gavel';
import type { MediationCase } from '../types';
import { CaseCreate } from './CaseCreate';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';

export default {
  list: CaseList,
  show: CaseShow,
  create: CaseCreate,
  icon: GavelIcon,
  recordRepresentation: (c: MediationCase) => c.reference,
};
