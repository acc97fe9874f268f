/**
 * On a record's page (`/:resource/:id`, `/:resource/:id/show…`), a notice when someone else
 * changed the record while it was open — "Modifié par Paul Martin à 14:02", Paris time — with a
 * button that reloads it. The page is never refreshed by itself: the person may be editing it.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { parisClock } from '../../../shared/calendar/parisFormat';
import { useLatestChange } from './LiveUpdates';

const RECORD_PAGE = /^\/([a-z][\w-]*)\/([^/]+)(?:\/.*)?$/;
const NOT_AN_ID = new Set(['create']);

export function recordOfPath(pathname: string): { resource: string; id: string } | null {
  const m = RECORD_PAGE.exec(pathname);
  if (!m || NOT_AN_ID.has(m[2])) return null;
  return { resource: m[1], id: decodeURIComponent(m[2]) };
}

export function RecordChangedNotice() {
  const { pathname } = useLocation();
  const record = recordOfPath(pathname);
  return record ? <Notice key={`${record.resource}/${record.id}`} resource={record.resource} id={record.id} /> : null;
}

function Notice({ resource, id }: { resource: string; id: string }) {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const change = useLatestChange(resource, id);
  // What arrived before the page opened (or before the last reload) is already on screen.
  const [seen, setSeen] = useState(() => change?.seq ?? 0);
  if (!change || change.seq <= seen) return null;
  const time = parisClock(new Date(change.at));
  const text = change.actorName ? translate('app.live.changedBy', { name: change.actorName, time }) : translate('app.live.changedBySystem', { time });
  const reload = () => {
    setSeen(change.seq);
    void queryClient.invalidateQueries({ queryKey: [resource, 'getOne', { id }] });
  };
  return (
    <Alert
      severity="info"
      sx={{ mt: 1 }}
      role="status"
      action={
        <Button color="inherit" size="small" onClick={reload}>
          {translate('app.live.reload')}
        </Button>
      }
    >
      {text}
    </Alert>
  );
}
