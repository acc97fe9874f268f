/**
 * Live updates for the whole console, mounted once in the layout: while someone is signed in,
 * one EventSource on `GET /api/events` (server/events/) — the browser reconnects it by itself —
 * and on each colleague's change the queries it makes stale are refetched (lists, the queue,
 * the inbox), with no polling anywhere. The changes are also kept per record, for the notice
 * a record page shows when someone else changed what it displays (RecordChangedNotice).
 * A person's own changes are skipped: the page they acted on already shows them.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useGetIdentity } from 'react-admin';
import { API_URL } from '../apiUrl';
import { mustEnrol } from '../authProvider';
import type { LiveChange } from '../../../shared/liveChange';
import { INBOX_QUERY_KEY } from '../dashboard/inboxMethods';
import { isStaleAfter } from './liveQueries';

/** A change as a page reads it: `seq` orders changes as they arrived in this tab. */
export interface ReceivedChange extends LiveChange {
  seq: number;
}

interface LiveState {
  /** The last change received for `resource/id`. */
  latest(resource: string, id: string): ReceivedChange | undefined;
}

const LiveContext = createContext<LiveState>({ latest: () => undefined });

export const recordKey = (resource: string, id: number | string | null) => `${resource}/${String(id)}`;

function parseChange(data: string): LiveChange | null {
  try {
    const value = JSON.parse(data) as Partial<LiveChange>;
    return typeof value.resource === 'string' && typeof value.at === 'string' ? (value as LiveChange) : null;
  } catch {
    return null;
  }
}

export function LiveUpdates({ children }: { children: ReactNode }) {
  const { identity } = useGetIdentity();
  const queryClient = useQueryClient();
  const [changes, setChanges] = useState<ReadonlyMap<string, ReceivedChange>>(new Map());
  // Someone who must first enrol a second factor reaches nothing else, this stream included.
  const me = identity && !mustEnrol(identity) ? identity.id : undefined;

  useEffect(() => {
    if (me === undefined || typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API_URL}/events`, { withCredentials: true });
    let seq = 0;
    let opened = false;
    // Back after a lost connection (a network drop, a server restart): what changed meanwhile
    // was not heard, so the lists and the inbox are read again.
    const onOpen = () => {
      if (opened) void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === INBOX_QUERY_KEY[0] || query.queryKey[1] === 'getList' });
      opened = true;
    };
    source.addEventListener('open', onOpen);
    const onChange = (event: MessageEvent<string>) => {
      const change = parseChange(event.data);
      if (!change || (change.actorId !== null && String(change.actorId) === String(me))) return;
      const received = { ...change, seq: ++seq };
      setChanges((previous) => new Map(previous).set(recordKey(change.resource, change.id), received));
      void queryClient.invalidateQueries({ predicate: (query) => isStaleAfter(change, query) });
    };
    source.addEventListener('change', onChange as EventListener);
    return () => {
      source.removeEventListener('change', onChange as EventListener);
      source.removeEventListener('open', onOpen);
      source.close();
    };
  }, [me, queryClient]);

  const value = useMemo<LiveState>(() => ({ latest: (resource, id) => changes.get(recordKey(resource, id)) }), [changes]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLatestChange(resource: string | undefined, id: string | undefined): ReceivedChange | undefined {
  const live = useContext(LiveContext);
  return resource && id ? live.latest(resource, id) : undefined;
}
