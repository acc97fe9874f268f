import type { ReactNode } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import { SavedViewsList } from './SavedViewsList';

/**
 * The list sidebar: the list's own quick views (if any) above the views each person saved
 * (filters, sort and page size under a name). Saved views live in react-admin's Store,
 * which is the browser's localStorage keyed per resource — so they belong to the browser
 * profile, not to the account. Narrow, and hidden on narrow screens so the table keeps
 * its width at 1280 px.
 */
export function SavedViewsAside({ children }: { children?: ReactNode }) {
  return (
    <Card sx={{ order: -1, mr: 2, mt: 2, width: 200, flexShrink: 0, alignSelf: 'flex-start', display: { xs: 'none', lg: 'block' } }}>
      <CardContent sx={{ px: 1.5 }}>
        {children}
        <SavedViewsList />
      </CardContent>
    </Card>
  );
}
