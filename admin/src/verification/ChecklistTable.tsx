/**
 * The checklist of the partner's vertical and services (shared/verification/requirements.ts):
 * one row per requirement with its rule, status, document and the agent's warnings
 * (NAF code, registry name, RIB holder, expiring soon…). Warnings never block.
 */
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useLocaleState, useTranslate } from 'react-admin';
import type { ChecklistItem } from '../../../shared/verification/requirements';
import { formatBusinessDate } from '../common/format';
import { localReason } from './NumberCheckInput';
import { ItemStatusChip, requirementLabel } from './StatusChip';

export function ChecklistTable({ items, onShowDocument }: { items: ChecklistItem[]; onShowDocument: (documentId: number) => void }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Table size="small" aria-label={translate('app.verification.checklist.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.verification.checklist.requirement')}</TableCell>
          <TableCell>{translate('app.verification.checklist.rule')}</TableCell>
          <TableCell>{translate('app.verification.checklist.status')}</TableCell>
          <TableCell>{translate('app.verification.checklist.document')}</TableCell>
          <TableCell>{translate('app.verification.checklist.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.requirement} data-requirement={item.requirement} data-status={item.status}>
            <TableCell component="th" scope="row">
              {translate(requirementLabel(item.requirement))}
              {!item.blocking && item.status !== 'ok' && (
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                  ({translate('app.verification.checklist.nonBlocking')})
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Typography variant="caption">{item.rule}</Typography>
            </TableCell>
            <TableCell>
              <ItemStatusChip status={item.status} />
            </TableCell>
            <TableCell>
              {item.documentId !== undefined && item.documentId !== null && (
                <Button size="small" onClick={() => onShowDocument(item.documentId!)}>
                  {translate('app.verification.checklist.open')}
                </Button>
              )}
              {item.validUntil && (
                <Typography component="span" variant="caption" sx={{ ml: 0.5 }}>
                  {translate('app.verification.facts.validUntil')} {formatBusinessDate(item.validUntil)}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {item.warning && (
                <Typography variant="body2" color="warning.main" sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}>
                  <WarningAmberIcon fontSize="small" />
                  <span>{item.warning.split(' · ').map((w) => localReason(w, locale)).join(' · ')}</span>
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
