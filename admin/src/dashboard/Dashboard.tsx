import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import { Link, Title, useGetIdentity, useTranslate } from 'react-admin';
import { asRole } from '../access';
import { enumKey } from '../common/choices';
import { shortcutPath, shortcutsFor } from './shortcuts';
import { lazy, Suspense } from 'react';
import { can } from '../../../shared/permissions';

// recharts (~100 kB gzip) loads only when the dashboard shows its charts.
const MarketplaceCharts = lazy(() => import('../insights/MarketplaceCharts'));

/** Home: who is signed in, with which role, and the lists that role works through. */
export function Dashboard() {
  const { identity, isPending } = useGetIdentity();
  const translate = useTranslate();
  if (isPending || !identity) return null;
  const role = asRole(identity.role);
  const shortcuts = shortcutsFor(role);
  return (
    <>
    <Card sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('app.dashboard.greeting', { name: identity.fullName ?? '' })}
        </Typography>
        {role && (
          <Typography variant="body1" color="text.secondary" gutterBottom>
            {translate('app.dashboard.signedInAs', { role: translate(enumKey('role', role)) })}
          </Typography>
        )}
        <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
          {translate('app.dashboard.shortcuts')}
        </Typography>
        {shortcuts.length === 0 ? (
          <Typography variant="body2">{translate('app.dashboard.noShortcut')}</Typography>
        ) : (
          <List dense aria-label={translate('app.dashboard.shortcuts')}>
            {shortcuts.map((shortcut) => (
              <ListItem key={shortcut.key} disableGutters>
                <Link to={shortcutPath(shortcut)}>{translate(`app.dashboard.links.${shortcut.key}`)}</Link>
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
    {can(role, 'orders', 'list') && (
      <Suspense fallback={null}>
        <MarketplaceCharts />
      </Suspense>
    )}
    </>
  );
}
