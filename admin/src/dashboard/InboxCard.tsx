/** One section of the inbox: each count is a link to its filtered list, with the list's first rows under it. */
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import { frenchDate, parisDateTime } from '../../../shared/calendar/parisFormat';
import type { InboxItem, InboxSectionKey } from '../../../shared/inbox';
import { inboxListPath } from './inboxMethods';

/** The resources whose rows have a page of their own (the others' rows are shown as text). */
const SHOWN = new Set(['partners', 'orders', 'cases', 'limitations']);

function dueText(due: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(due) ? frenchDate(due) : parisDateTime(due);
}

function InboxCount({ item }: { item: InboxItem }) {
  const translate = useTranslate();
  const label = translate(`app.inbox.items.${item.key}`);
  const count = item.estimated ? translate('app.inbox.about', { count: item.count.toLocaleString('fr-FR') }) : item.count.toLocaleString('fr-FR');
  return (
    <Box component="li" sx={{ listStyle: 'none', py: 1, borderTop: 1, borderColor: 'divider' }} data-inbox-item={item.key}>
      <Link to={inboxListPath(item)} aria-label={`${label} : ${count}`} sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
        <Typography component="span" variant="h6" sx={{ minWidth: '3.5rem', textAlign: 'right' }} data-inbox-count>
          {count}
        </Typography>
        <Typography component="span" variant="body1">
          {label}
        </Typography>
      </Link>
      {item.next.length > 0 && (
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: '4.5rem' }} aria-label={translate('app.inbox.next', { label })}>
          {item.next.map((n) => (
            <Typography component="li" variant="body2" key={n.id} sx={{ overflowWrap: 'anywhere' }}>
              {SHOWN.has(item.list.resource) ? <Link to={`/${item.list.resource}/${encodeURIComponent(String(n.id))}/show`}>{n.label}</Link> : n.label}
              {n.due && (
                <Typography component="span" variant="body2" color="text.secondary">
                  {' · '}
                  {translate('app.inbox.due', { date: dueText(n.due) })}
                </Typography>
              )}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}

export function InboxCard({ section, items }: { section: InboxSectionKey; items: InboxItem[] }) {
  const translate = useTranslate();
  const title = translate(`app.inbox.sections.${section}`);
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        <Box component="ul" sx={{ m: 0, p: 0 }}>
          {items.map((item) => (
            <InboxCount key={item.key} item={item} />
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
