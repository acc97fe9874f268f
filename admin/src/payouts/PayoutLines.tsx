/** A payout's lines (PAY-7): each session paid — its order, its end, the partner's pay. */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { PagedRowsFooter, usePagedRows } from '../common/PagedRows';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';
import { formatEuros } from '../../../shared/euros';
import { formatFrenchDateTime } from '../common/format';
import type { Payout, PayoutLine } from '../types';


export function PayoutLines() {
  const payout = useRecordContext<Payout>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data, error } = useQuery({
    queryKey: ['payouts', payout?.id, 'lines'],
    enabled: payout != null,
    queryFn: async () => (await httpClient(`${API_URL}/payouts/${encodeURIComponent(String(payout!.id))}/lines`)).json as PayoutLine[],
  });
  // A monthly payout can carry hundreds of sessions: 25 at a time.
  const paged = usePagedRows(data ?? []);
  if (error) return <Typography color="error">{error.message}</Typography>;
  if (!data) return null;
  return (
    <>
      <Table size="small" aria-label={translate('resources.payouts.lines')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.payouts.line.orderReference')}</TableCell>
            <TableCell>{translate('resources.payouts.line.serviceCode')}</TableCell>
            <TableCell>{translate('resources.payouts.line.sessionEndsAt')}</TableCell>
            <TableCell align="right">{translate('resources.payouts.line.partnerPayCents')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {paged.rows.map((line) => (
            <TableRow key={line.id}>
              <TableCell>
                <Link to={createPath({ resource: 'orders', id: line.orderId, type: 'show' })}>{line.orderReference}</Link>
              </TableCell>
              <TableCell>{line.serviceCode}</TableCell>
              <TableCell>{formatFrenchDateTime(line.sessionEndsAt)}</TableCell>
              <TableCell align="right">{formatEuros(line.partnerPayCents)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <PagedRowsFooter {...paged} />
    </>
  );
}
