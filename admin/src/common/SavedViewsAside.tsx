import type { ReactNode } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import { SavedViewsList } from './SavedViewsList';

/** Below this window width the sidebar is hidden (MUI's `lg`); saved views stay in the "Ajouter un filtre" menu. */
const DEFAULT_MIN_WINDOW_WIDTH = 1200;

/**
 * The list sidebar: the list's own quick views (if any) above the views each person saved
 * (filters, sort and page size under a name). Saved views live in react-admin's Store,
 * which is the browser's localStorage keyed per resource — so they belong to the browser
 * profile, not to the account. 160 px wide, and hidden on narrower windows, so that every
 * list keeps its table inside a 1280 px window; a list whose table is wider asks for a
 * larger `minWindowWidth`.
 */
export function SavedViewsAside({ children, minWindowWidth = DEFAULT_MIN_WINDOW_WIDTH }: { children?: ReactNode; minWindowWidth?: number }) {
  return (
    <Card
      className="SavedViewsAside-root"
      sx={{
        order: -1,
        mr: 1,
        mt: 2,
        width: 160,
        flexShrink: 0,
        alignSelf: 'flex-start',
        [`@media (max-width: ${minWindowWidth - 0.05}px)`]: { display: 'none' },
      }}
    >
      <CardContent sx={{ px: 1 }}>
        {children}
        <SavedViewsList />
      </CardContent>
    </Card>
  );
}
