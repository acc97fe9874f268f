/**
 * `GET /api/events`: the signed-in staff member's live updates, as Server-Sent Events. Each
 * `change` event names a record the caller's role may read that someone (or the engine) has
 * just changed — `{resource, id, action, actorId, actorName, at}` — on any server instance;
 * a comment every 25 s keeps proxies from closing the stream. Only `text/event-stream` is
 * answered: a caller that does not accept it (a plain fetch, a crawler) gets a 406 rather than
 * a response that never ends.
 */
import type { ApiRouter } from '../http/apiRouter';
import { fileAnswer } from '../http/answers';
import { AppError } from '../http/errors';
import { staffActor } from '../auth/actor';
import type { EventStreams } from './eventStreams';

export const eventStreamAnswer = fileAnswer('text/event-stream');

export function registerEventRoutes(api: ApiRouter, streams: EventStreams): void {
  api.add(
    {
      method: 'get',
      path: '/events',
      access: { kind: 'session' },
      summary:
        'Live updates (Server-Sent Events): `event: change` with data {resource, id, action, actorId, actorName, at} for each new audit entry the caller may read, a heartbeat comment every 25 s; ends at sign-out',
      tag: 'events',
      status: 200,
      answer: eventStreamAnswer,
      response: '406 when the request does not accept text/event-stream; 429 when the caller already holds the most streams one person may (details.limit).',
    },
    (req, res) => {
      const accept = String(req.headers.accept ?? '');
      if (!accept.includes('text/event-stream')) {
        throw new AppError('not_acceptable', 'Ce flux ne se lit qu’en text/event-stream. / This stream is only served as text/event-stream.', 406);
      }
      const me = staffActor(req);
      streams.open(req, res, { id: me.id, role: me.role });
    },
  );
}
