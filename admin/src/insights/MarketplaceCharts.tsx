/**
 * The marketplace dashboard: real engine output over a chosen period.
 * Loaded lazily (React.lazy) so that recharts stays out of the initial bundle.
 */
import { useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMarketplaceStats } from './useMarketplaceStats';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`);

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h5" component="p">
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {title}
        </Typography>
        <Box sx={{ width: '100%', height: 240 }}>
          <ResponsiveContainer>{children}</ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
}

export default function MarketplaceCharts() {
  const translate = useTranslate();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const { data, isPending, error } = useMarketplaceStats(from, to);
  const t = (key: string) => translate(`app.insights.${key}`);

  return (
    <Card sx={{ mt: 2 }} data-testid="marketplace-charts">
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {t('title')}
          </Typography>
          <TextField type="date" size="small" label={t('from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField type="date" size="small" label={t('to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Box>
        {error ? (
          <Typography color="error">{(error as Error).message}</Typography>
        ) : isPending || !data ? (
          <Typography color="text.secondary">{t('loading')}</Typography>
        ) : (
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, md: 3 }}>
              <Figure label={t('medianScore')} value={data.scores.median === null ? '—' : data.scores.median.toLocaleString('fr-FR')} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Figure label={t('acceptanceRate')} value={percent(data.acceptance.rate)} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Figure label={t('fillRate')} value={percent(data.fill.rate)} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <Figure label={t('unfilled')} value={String(data.fill.decided - data.fill.filled)} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartCard title={t('scoreDistribution')}>
                <BarChart data={data.scores.buckets}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="bucket" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="partners" name={t('partners')} fill="#1976d2" />
                </BarChart>
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartCard title={t('timeToAcceptance')}>
                <BarChart data={data.timeToAcceptance.map((b) => ({ ...b, label: t(`bands.${b.band}`) }))}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis />
                  <Tooltip />
                  <Bar dataKey="medianMinutes" name={t('medianMinutes')} fill="#2e7d32" />
                </BarChart>
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartCard title={t('ordersPerDay')}>
                <LineChart data={data.perDay}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Line type="monotone" dataKey="accepted" name={t('accepted')} stroke="#1976d2" dot={false} />
                  <Line type="monotone" dataKey="unfilled" name={t('unfilledOrders')} stroke="#d32f2f" dot={false} />
                </LineChart>
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartCard title={t('limitationsInForce')}>
                <LineChart data={data.limitationsInForce}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Line type="stepAfter" dataKey="manual" name={t('manual')} stroke="#ed6c02" dot={false} />
                  <Line type="stepAfter" dataKey="automatic" name={t('automatic')} stroke="#9c27b0" dot={false} />
                </LineChart>
              </ChartCard>
            </Grid>
          </Grid>
        )}
      </CardContent>
    </Card>
  );
}
