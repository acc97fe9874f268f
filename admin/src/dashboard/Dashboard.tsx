import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Title, useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import { asRole } from '../access';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { can } from '../../../shared/permissions';
import { InboxCard } from './InboxCard';
import { INBOX_QUERY_KEY } from './inboxMethods';

// recharts (~100 kB gzip) loads only once the inbox is on screen.
const MarketplaceCharts = lazy(() => import('../insights/MarketplaceCharts'));

/** Home: the signed-in staff member's inbox — per section of their role, each queue's count, opening its list. */
export function Dashboard() {
  const { identity, isPending } = useGetIdentity();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const inbox = useQuery({ queryKey: [...INBOX_QUERY_KEY], queryFn: () => dataProvider.getInbox(), enabled: !!identity, retry: false });
  if (isPending || !identity) return null;
  const role = asRole(identity.role);
  return (
    <>
      <Title title="app.dashboard.title" />
      <Box component="header" sx={{ mt: 2, mb: 2 }}>
        <Typography variant="h5" component="h1">
          {translate('app.dashboard.greeting', { name: identity.fullName ?? '' })}
        </Typography>
        {role && (
          <Typography variant="body2" color="text.secondary">
            {translate('app.dashboard.signedInAs', { role: translate(enumKey('role', role)) })}
          </Typography>
        )}
      </Box>
      {inbox.isPending ? (
        <Box role="status" aria-label={translate('app.inbox.loading')} sx={{ display: 'flex', justifyContent: 'center', p: 4 }}>
          <CircularProgress size={32} />
        </Box>
      ) : inbox.isError ? (
        <Alert severity="warning">{translate('app.inbox.error')}</Alert>
      ) : inbox.data.sections.length === 0 ? (
        <Card>
          <CardContent>
            <Typography variant="body2">{translate('app.inbox.empty')}</Typography>
          </CardContent>
        </Card>
      ) : (
        <Box
          aria-label={translate('app.inbox.title')}
          sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 22rem), 1fr))', alignItems: 'start' }}
        >
          {inbox.data.sections.map((s) => (
            <InboxCard key={s.key} section={s.key} items={s.items} />
          ))}
        </Box>
      )}
      {inbox.isSuccess && can(role, 'orders', 'list') && (
        <Suspense fallback={null}>
          <MarketplaceCharts />
        </Suspense>
      )}
    </>
  );
}
