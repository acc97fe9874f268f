/** GET /api/inbox — the home page's counts for the signed-in staff member (readInbox.ts). */
import type { RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { inboxAnswer } from './answers';
import { readInbox } from './readInbox';

export function registerInboxRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  api.add(
    {
      method: 'get',
      path: '/inbox',
      // Any staff member: each count is shown only if the role may list its resource.
      access: { kind: 'session' },
      summary: "The signed-in staff member's inbox: per section of their role, each list's count, filter and first rows",
      tag: 'insights',
      status: 200,
      answer: inboxAnswer,
    },
    async (req, res) => {
      res.json(await readInbox({ db, clock, actor: req.actor }));
    },
  );
}
