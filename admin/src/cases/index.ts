import GavelIcon from '@mui/icons-material/Gavel';
import type { MediationCase } from '../types';
import { CaseList } from './CaseList';

export default {
  list: CaseList,
  icon: GavelIcon,
  recordRepresentation: (c: MediationCase) => c.reference,
};
