/**
 * The order's timeline: what happened to it, oldest first, read from the audit trail about the
 * order (`GET /api/audit-log`, resource `orders`, its id — every role reads orders, so every role
 * sees it): created, proposed, accepted, cancelled, completed… by whom, in words. A staff
 * cancellation says for whom and why.
 */
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { auditSentence } from '../auditLog/auditDisplay';
import { formatFrenchDateTime } from '../common/format';
import type { AuditEntry, Order } from '../types';

const K = 'app.orderTimeline';

/** A staff cancellation's party and reason, as the server recorded them (`orders.cancel_on_behalf`). */
function onBehalfOf(entry: AuditEntry): { by: string; reason: string } | null {
  if (entry.action !== 'orders.cancel_on_behalf') return null;
  const after = entry.after as { cancelledBy?: unknown; reason?: unknown } | null;
  if (!after || (after.cancelledBy !== 'client' && after.cancelledBy !== 'partner')) return null;
  return { by: after.cancelledBy, reason: typeof after.reason === 'string' ? after.reason : '' };
}

export function OrderTimeline(_props: { label?: false }) {
  const order = useRecordContext<Order>();
  const translate = useTranslate();
  const { data, isPending, error } = useGetList<AuditEntry>(
    'audit-log',
    {
      filter: { resource: 'orders', resourceId: String(order?.id ?? '') },
      sort: { field: 'at', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: order?.id !== undefined },
  );
  if (!order) return null;
  return (
    <div data-testid="order-timeline">
      <Typography variant="subtitle2" component="h3">
        {translate(`${K}.title`)}
      </Typography>
      {isPending ? null : error ? (
        <Typography variant="body2" color="error">
          {translate('ra.notification.http_error')}
        </Typography>
      ) : !data || data.length === 0 ? (
        <Typography variant="body2">{translate(`${K}.empty`)}</Typography>
      ) : (
        <List dense disablePadding>
          {data.map((entry) => {
            const behalf = onBehalfOf(entry);
            return (
              <ListItem key={entry.id} disableGutters data-testid="order-timeline-entry" data-action={entry.action}>
                <ListItemText
                  primary={`${formatFrenchDateTime(entry.at)} — ${auditSentence(entry, translate)}`}
                  secondary={behalf ? translate(`${K}.onBehalf.${behalf.by}`, { reason: behalf.reason }) : undefined}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </div>
  );
}
