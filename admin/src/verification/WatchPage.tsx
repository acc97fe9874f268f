/**
 * REF-8's watch view: documents of active partners reaching their last valid day within
 * the next 30 days, those already past it (apart: "arriving at expiry" is not what an expired
 * document is), and active partners whose file became
 * incomplete — since when, when the grace period ends, whether new orders are already held.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Title, useTranslate } from 'react-admin';
import type { WatchDocument } from '../../../shared/verification/watch';
import { enumKey } from '../common/choices';
import { formatBusinessDate, formatFrenchDate } from '../common/format';
import { requirementLabel } from './StatusChip';
import { useWatchList } from './useWatchList';
import { verificationPath } from './verificationPath';
import { PagedRowsFooter, usePagedRows } from '../common/PagedRows';

export function WatchPage() {
  const translate = useTranslate();
  const { data, error, isPending } = useWatchList(30);
  const partners = usePagedRows(data?.partners ?? []);
  return (
    <Box className="VerificationWatch-root" sx={{ mt: 2 }}>
      <Title title="app.verification.watchTitle" />
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {isPending && <Typography>{translate('ra.page.loading')}</Typography>}
      {data && (
        <>
          <WatchDocumentsCard title={translate('app.verification.watch.documents', { days: data.days })} documents={data.documents.filter((d) => !d.expired)} />
          <WatchDocumentsCard title={translate('app.verification.watch.expiredDocuments')} documents={data.documents.filter((d) => d.expired)} />
          <Card>
            <CardContent>
              <Typography variant="h6">{translate('app.verification.watch.partners')}</Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('app.verification.watch.graceHelp', { days: data.graceDays })}
              </Typography>
              {data.partners.length === 0 ? (
                <Typography variant="body2">{translate('app.verification.watch.none')}</Typography>
              ) : (
                <Table size="small" aria-label={translate('app.verification.watch.partners')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('app.verification.watch.partner')}</TableCell>
                      <TableCell>{translate('app.verification.watch.missing')}</TableCell>
                      <TableCell>{translate('app.verification.watch.since')}</TableCell>
                      <TableCell>{translate('app.verification.watch.graceEnds')}</TableCell>
                      <TableCell />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {partners.rows.map((p) => (
                      <TableRow key={p.partnerId}>
                        <TableCell>
                          <Link href={`#${verificationPath(p.partnerId)}`}>
                            {p.name} ({p.reference})
                          </Link>
                        </TableCell>
                        <TableCell>{p.missing.map((m) => translate(requirementLabel(m))).join(', ')}</TableCell>
                        <TableCell>{formatFrenchDate(p.incompleteSince)}</TableCell>
                        <TableCell>{formatBusinessDate(p.graceEnds)}</TableCell>
                        <TableCell>
                          {p.held ? (
                            <Chip size="small" color="error" label={translate('app.verification.watch.held')} />
                          ) : (
                            <Chip size="small" color="warning" label={translate('app.verification.watch.flagged')} />
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              <PagedRowsFooter {...partners} />
            </CardContent>
          </Card>
        </>
      )}
    </Box>
  );
}

function WatchDocumentsCard({ title, documents }: { title: string; documents: WatchDocument[] }) {
  const translate = useTranslate();
  const paged = usePagedRows(documents);
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6">{title}</Typography>
        {documents.length === 0 ? (
          <Typography variant="body2">{translate('app.verification.watch.none')}</Typography>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.verification.watch.partner')}</TableCell>
                <TableCell>{translate('app.verification.watch.document')}</TableCell>
                <TableCell>{translate('app.verification.facts.validUntil')}</TableCell>
                <TableCell>{translate('app.verification.watch.daysLeft')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {paged.rows.map((d) => (
                <TableRow key={`${d.documentId}-${d.requirement}`}>
                  <TableCell>
                    <Link href={`#${verificationPath(d.partnerId)}`}>
                      {d.partnerName} ({d.partnerReference})
                    </Link>
                  </TableCell>
                  <TableCell>{translate(enumKey('documentType', d.documentType))}</TableCell>
                  <TableCell>{formatBusinessDate(d.validUntil)}</TableCell>
                  <TableCell>
                    {d.expired ? (
                      <Chip size="small" color="error" label={translate('app.verification.watch.expired')} />
                    ) : (
                      translate('app.verification.queue.days', { smart_count: d.daysLeft })
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <PagedRowsFooter {...paged} />
      </CardContent>
    </Card>
  );
}
