import HistoryIcon from '@mui/icons-material/History';
import type { AuditEntry } from '../types';
import { AuditLogList } from './AuditLogList';
import { AuditLogShow } from './AuditLogShow';

export default {
  list: AuditLogList,
  show: AuditLogShow,
  icon: HistoryIcon,
  recordRepresentation: (e: AuditEntry) => `${e.action} ${e.resource} ${e.resourceId ?? ''}`.trim(),
};
