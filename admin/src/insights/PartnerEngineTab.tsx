/**
 * The partner page's engine tab: the score and how it was computed (SCO-8's R, A, F,
 * what was counted, real score or platform mean under SCO-6), its weekly history,
 * the proposals received and answered (LIM-1), and what the profile shows of the
 * reviews (REV-1..5) — so that staff can explain a score to a partner.
 */
import { lazy, Suspense } from 'react';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate } from 'react-admin';
import { usePartnerEngine } from './usePartnerEngine';
import type { StoredScoreDetails } from '../../../shared/scoreBreakdown';

const ScoreHistoryChart = lazy(() => import('./ScoreHistoryChart'));


const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <Table size="small" sx={{ maxWidth: 640 }}>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell align="right">{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function PartnerEngineTab() {
  const record = useRecordContext<{ id: number; score: number | null; scoreDetails: StoredScoreDetails | null }>();
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.partnerEngine.${key}`, options);
  const { data, error } = usePartnerEngine(record?.id);
  if (!record) return null;
  const d = record.scoreDetails;
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Box>
        <Typography variant="h6" component="h3">
          {t('score', { score: num(record.score) })}
        </Typography>
        {d ? (
          <>
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {d.usesPlatformMean ? t('usesPlatformMean', { mean: num(d.platformMean ?? d.score) }) : t('usesReal')}
            </Typography>
            <Rows
              rows={[
                [t('R'), `${pct(d.R)} (${d.returningClients} / ${d.distinctClients})`],
                [t('A'), `${pct(d.A)} (${t('ratings', { n: d.ratingsCounted, imputed: d.imputedRatings })})`],
                [t('F'), `${pct(d.F)} (${t('reliability', { c: d.cancellations, n: d.noShows, a: d.accepted })})`],
                [t('completed'), String(d.completedInWindow)],
                [t('real'), num(d.real)],
              ]}
            />
          </>
        ) : (
          <Typography variant="body2">{t('noScore')}</Typography>
        )}
      </Box>
      {error ? <Typography color="error">{(error as Error).message}</Typography> : null}
      {data && (
        <>
          <Box>
            <Typography variant="subtitle1" component="h3">
              {t('history')}
            </Typography>
            {data.scoreHistory.length ? (
              <Suspense fallback={null}>
                <ScoreHistoryChart data={data.scoreHistory} labels={{ score: t('usedScore'), real: t('realScore') }} />
              </Suspense>
            ) : (
              <Typography variant="body2">{t('noHistory')}</Typography>
            )}
          </Box>
          <Box>
            <Typography variant="subtitle1" component="h3">
              {t('proposals')}
            </Typography>
            <Rows
              rows={[
                [t('answered'), String(data.proposals.answered)],
                [t('acceptanceRate'), pct(data.proposals.acceptanceRate)],
                [t('lastAnswered', { n: data.proposals.lastAnswered }), String(data.proposals.acceptedInLastAnswered)],
                ...Object.entries(data.proposals.byAnswer).map(([answer, n]) => [translate(`enums.proposalAnswer.${answer}`, { _: answer }), String(n)] as [string, string]),
              ]}
            />
          </Box>
          <Box>
            <Typography variant="subtitle1" component="h3">
              {t('reviews')}
            </Typography>
            <Rows
              rows={[
                [t('profileShows'), data.reviews.shown ? t('yes') : t('no')],
                [t('ratingsCount'), String(data.reviews.ratingsCount)],
                [t('meanRating'), num(data.reviews.meanRating)],
                [t('published'), String(data.reviews.published)],
              ]}
            />
          </Box>
        </>
      )}
    </Box>
  );
}
