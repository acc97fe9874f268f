/**
 * Cases still running (not closed) by age since they were opened, split into those with a
 * deadline past (`overdue`) and the others. Each bar is a count the API gives in its
 * `Content-Range` (one-row pages): exact up to the server's exact bound (10,000 cases in a bar),
 * the planner's estimate beyond it on PostgreSQL (server/http/listTotal.ts).
 * Loaded lazily (React.lazy) so that recharts stays out of the initial bundle.
 */
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RUNNING_STATUSES } from './caseRules';

const DAY_MS = 86_400_000;

/** Age buckets in days since the case was opened: [from, to) — the last one has no end. */
export const AGE_BUCKETS: ReadonlyArray<{ key: string; from: number; to: number | null }> = [
  { key: 'week', from: 0, to: 7 },
  { key: 'month', from: 7, to: 30 },
  { key: 'twoMonths', from: 30, to: 60 },
  { key: 'threeMonths', from: 60, to: 90 },
  { key: 'sixMonths', from: 90, to: 180 },
  { key: 'year', from: 180, to: 365 },
  { key: 'older', from: 365, to: null },
];

/** The createdAt range of a bucket at `now` (the API's `_gte`/`_lte` filters, both inclusive). */
export function bucketFilter(bucket: (typeof AGE_BUCKETS)[number], now: Date): Record<string, string> {
  const out: Record<string, string> = { createdAt_lte: new Date(now.getTime() - bucket.from * DAY_MS).toISOString() };
  if (bucket.to !== null) out.createdAt_gte = new Date(now.getTime() - bucket.to * DAY_MS + 1).toISOString();
  return out;
}

interface Row {
  key: string;
  label: string;
  overdue: number;
  onTime: number;
}

export default function CaseAgeChart() {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const { data, error, isPending } = useQuery({
    queryKey: ['cases', 'age-chart'],
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<Row[]> => {
      const now = new Date();
      const count = async (filter: Record<string, unknown>) =>
        (
          await dataProvider.getList('cases', {
            filter: { status: RUNNING_STATUSES, ...filter },
            pagination: { page: 1, perPage: 1 },
            sort: { field: 'id', order: 'ASC' },
            signal,
          })
        ).total ?? 0;
      return Promise.all(
        AGE_BUCKETS.map(async (bucket) => {
          const range = bucketFilter(bucket, now);
          const [overdue, onTime] = await Promise.all([count({ ...range, overdue: true }), count({ ...range, overdue: false })]);
          return { key: bucket.key, label: translate(`app.cases.chart.buckets.${bucket.key}`), overdue, onTime };
        }),
      );
    },
  });
  const total = data?.reduce((sum, r) => sum + r.overdue + r.onTime, 0) ?? 0;

  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="case-age-chart">
      <CardContent>
        <Typography variant="subtitle1" component="h2">
          {translate('app.cases.chart.title')}
        </Typography>
        {error ? (
          <Typography color="error">{(error as Error).message}</Typography>
        ) : isPending || !data ? (
          <Typography color="text.secondary">{translate('ra.page.loading')}</Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" data-testid="case-age-total">
              {translate('app.cases.chart.total', { smart_count: total })}
            </Typography>
            <Box sx={{ width: '100%', height: 220 }}>
              <ResponsiveContainer initialDimension={{ width: 600, height: 220 }}>
                <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                  <YAxis allowDecimals={false} width={40} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="onTime" stackId="a" name={translate('app.cases.chart.onTime')} fill="#1976d2" />
                  <Bar dataKey="overdue" stackId="a" name={translate('app.cases.chart.overdue')} fill="#d32f2f" />
                </BarChart>
              </ResponsiveContainer>
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}
